/** Tiny plain-Java kernel shared by every module: ids, email addresses, channel kinds, actors. */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel")
package org.rapport.shared;
