/** Content-addressed blob storage for attachments and raw mail: the same bytes are stored once. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.rapport.files;
