/** Realistic sample data for a newcomer's first look (`--demo`); only ever loaded into an empty help desk. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "customer", "agent", "ticket"})
package org.rapport.demo;
