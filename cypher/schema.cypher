// remit graph schema, for Neo4j 5 and ArcadeDB. Run before loading; every
// statement is idempotent (IF NOT EXISTS).
//
// (:Unit   {name, kind, aliases})                 kind: 'agency' | 'collective'; aliases: list of strings
// (:Task   {id, list, number, title, text, deadline, deadline_kind, deadline_raw, row, domain})
//          deadline: a Cypher date (end of month), or null; deadline_kind: 'date'|'ongoing'|'unknown'|'none'
// (:Domain {key, list, ordinal, name})             key = list + '/' + name, unique
// (:Unit)-[:LEADS {position}]->(:Task)
// (:Unit)-[:SUPPORTS {position}]->(:Task)
// (:Task)-[:IN_DOMAIN]->(:Domain)
// (:Unit)-[:COORDINATES_WITH {weight, tasks}]->(:Unit)
//          derived after each load between agencies that share a task; stored once per
//          pair, from the name that sorts first; query it without direction.

CREATE CONSTRAINT remit_unit_name IF NOT EXISTS FOR (u:Unit) REQUIRE u.name IS UNIQUE;
CREATE CONSTRAINT remit_task_id IF NOT EXISTS FOR (t:Task) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT remit_domain_key IF NOT EXISTS FOR (d:Domain) REQUIRE d.key IS UNIQUE;
CREATE INDEX remit_task_list IF NOT EXISTS FOR (t:Task) ON (t.list);
CREATE INDEX remit_task_deadline IF NOT EXISTS FOR (t:Task) ON (t.deadline);
CREATE INDEX remit_domain_list IF NOT EXISTS FOR (d:Domain) ON (d.list);
CREATE INDEX remit_unit_kind IF NOT EXISTS FOR (u:Unit) ON (u.kind);
