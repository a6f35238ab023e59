// name: collectives
// zh: 集合性占位单位（各有关单位等）及依赖它们的任务
// en: Collective placeholders (各有关单位 …) and the tasks that rely on them
MATCH (c:Unit {kind: 'collective'})-[r:LEADS|SUPPORTS]->(t:Task)
WITH c, t, collect(type(r)) AS roles
WITH c, t, 'LEADS' IN roles AS leads,
     COUNT { MATCH (a:Unit)-[:LEADS]->(t) WHERE a.kind = 'agency' } AS agency_leads
WITH c, collect(t.id) AS tasks,
     sum(CASE WHEN leads THEN 1 ELSE 0 END) AS leads,
     sum(CASE WHEN leads THEN 0 ELSE 1 END) AS supports,
     [x IN collect(CASE WHEN agency_leads = 0 THEN t.id END) WHERE x IS NOT NULL] AS no_agency_lead
RETURN c.name AS unit, size(tasks) AS tasks_count, leads, supports, no_agency_lead, tasks
ORDER BY tasks_count DESC, unit
