/**
 * Customers, their identities on each channel (each unique across customers), organizations, and
 * merging two records of one person. Publishes {@link org.rapport.customer.CustomersMerged}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.rapport.customer;
