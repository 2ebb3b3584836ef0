package io.iamcore.store;

/** Told of each committed change, on the writer's thread, before its request is answered. */
@FunctionalInterface
public interface CommitListener {

  /**
   * @param before the object's state before the change, or null for a create
   * @param after the committed state (deleted when {@code after.deleted()})
   */
  void committed(CsObject before, CsObject after);
}
