-- A ticket always belongs to an existing customer; the key lock also makes a customer merge or delete
-- wait for tickets being opened for that customer.
ALTER TABLE ticket ADD CONSTRAINT ticket_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id);
