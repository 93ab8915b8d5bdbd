-- Each module's tables carry its name (DESIGN.md): the analysis and guidance tables of V13/V14 are renamed.
ALTER TABLE message_analysis RENAME TO analysis_result;
ALTER INDEX message_analysis_pkey RENAME TO analysis_result_pkey;
ALTER INDEX message_analysis_abusive_idx RENAME TO analysis_result_abusive_idx;

ALTER TABLE ticket_assessment RENAME TO guidance_assessment;
ALTER INDEX ticket_assessment_pkey RENAME TO guidance_assessment_pkey;

ALTER TABLE team_business_hours RENAME TO guidance_business_hours;
ALTER INDEX team_business_hours_pkey RENAME TO guidance_business_hours_pkey;

ALTER TABLE commitment RENAME TO guidance_commitment;
ALTER INDEX commitment_pkey RENAME TO guidance_commitment_pkey;
ALTER INDEX commitment_ticket_idx RENAME TO guidance_commitment_ticket_idx;
ALTER INDEX commitment_agent_open_idx RENAME TO guidance_commitment_agent_open_idx;
ALTER INDEX commitment_overdue_idx RENAME TO guidance_commitment_overdue_idx;

-- The ticket's number is kept with each promise, so listing them needs no read of the ticket module's table.
ALTER TABLE guidance_commitment ADD COLUMN ticket_number BIGINT;
UPDATE guidance_commitment c SET ticket_number = t.number FROM ticket t WHERE t.id = c.ticket_id;
ALTER TABLE guidance_commitment ALTER COLUMN ticket_number SET NOT NULL;
