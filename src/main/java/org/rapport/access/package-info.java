/**
 * Who is calling and what they may do: API tokens (stored hashed, scoped, revocable), agents'
 * passwords, the first admin on first start, and the Spring Security setup for the API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "agent", "customer"})
package org.rapport.access;
