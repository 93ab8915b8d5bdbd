/**
 * Protecting the agents who take customers' anger: the abuse shield (abusive passages masked until an
 * agent chooses to read them, every reveal in the audit trail; abusive tickets flagged, supervisors told,
 * abusive senders optionally routed to designated agents; a boundary-setting reply ready to use). Nothing
 * is ever deleted or closed automatically: the customer's words stay on record.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "agent", "ticket", "analysis"})
package org.rapport.wellbeing;
