-- A price book names the successor of a model: the modelId of another model of the same book that replaces
-- it (MODEL_RETIRING names it). Nullable: a book names none unless it says so. The service checks that it is
-- another model of the book; there is no foreign key, because models are identified by (book, modelId) and a
-- book's models are replaced as a whole.

ALTER TABLE "ModelPrice" ADD COLUMN "successor" VARCHAR(100);
