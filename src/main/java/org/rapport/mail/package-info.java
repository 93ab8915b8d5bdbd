/**
 * Email transport only: parse (with limits), and later receive and send. Knows nothing of tickets;
 * {@code channel.email} turns what it parses into ticket messages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.rapport.mail;
