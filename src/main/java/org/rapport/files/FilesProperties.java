package org.rapport.files;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where blobs live on disk. */
@ConfigurationProperties("rapport.files")
record FilesProperties(@DefaultValue("./data/files") Path directory) {}
