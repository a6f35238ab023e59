// name: unsupported_tasks
// zh: 没有责任（配合）单位的任务
// en: Tasks with no supporting unit
MATCH (t:Task)
WHERE NOT EXISTS { MATCH (:Unit)-[:SUPPORTS]->(t) }
OPTIONAL MATCH (u:Unit)-[e:LEADS]->(t)
WITH t, u, e
ORDER BY e.position
WITH t, collect(u.name) AS leads
RETURN t.id AS task_id, t.list AS list, t.number AS number, t.title AS title, leads
ORDER BY list, number
