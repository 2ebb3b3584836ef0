package io.iamcore.scim.patch;

import io.vertx.core.json.JsonObject;

/**
 * Where one operation lands in the working copy.
 *
 * @param container the object that holds {@code key}: the resource or an extension object; null
 *     when the extension does not exist and the operation must not create it (remove)
 * @param key the member name, spelled as stored or, for a new member, canonically
 * @param path the operation's path (value filter and sub-attribute)
 * @param extensionUrn the extension holding the attribute, or null for the top level
 * @param schemaRoot true when the path names a whole schema ({@code urn:…:enterprise:2.0:User})
 */
record Target(JsonObject container, String key, PatchPath path, String extensionUrn, boolean schemaRoot) {

  String subAttribute() {
    return path.attribute().subAttribute();
  }

  boolean isTopLevel(String name) {
    return extensionUrn == null && !schemaRoot && key != null && key.equalsIgnoreCase(name);
  }

  boolean isWholeAttribute() {
    return path.valueFilter() == null && subAttribute() == null;
  }
}
