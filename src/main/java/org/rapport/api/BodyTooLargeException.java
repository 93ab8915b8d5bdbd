package org.rapport.api;

import java.io.IOException;

/** The request body passed the configured limit while being read. */
class BodyTooLargeException extends IOException {

    final long limit;

    BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
        this.limit = limit;
    }
}
