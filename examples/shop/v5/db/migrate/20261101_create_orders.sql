-- The shop's orders, as v1..v4 kept them in files: now in the database.
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer    TEXT    NOT NULL,
    item        TEXT    NOT NULL,
    quantity    INTEGER NOT NULL,
    total_price INTEGER NOT NULL
);
