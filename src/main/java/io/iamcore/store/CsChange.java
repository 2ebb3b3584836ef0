package io.iamcore.store;

/**
 * A change of one connector-space object about to commit, as the sync pipeline sees it.
 *
 * @param cause the change that produced it (the pipeline treats some kinds, e.g. a disconnect,
 *     specially)
 */
public record CsChange(CsObject before, CsObject after, ObjectChange cause) {}
