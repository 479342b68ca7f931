-- Additive: a new nullable column. v4, which does not know it, keeps working on this schema.
ALTER TABLE orders ADD COLUMN note TEXT;
