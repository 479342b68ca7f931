-- Destructive: v5, the way back, reads orders.note; Backstop refuses this without --allow-destructive
ALTER TABLE orders DROP COLUMN note;
