// name: co_led_tasks
// zh: 多个单位共同牵头的任务
// en: Tasks led jointly by more than one unit
MATCH (u:Unit)-[e:LEADS]->(t:Task)
WITH t, u, e
ORDER BY e.position
WITH t, collect(u.name) AS leads
WHERE size(leads) > 1
RETURN t.id AS task_id, t.list AS list, t.number AS number, t.title AS title,
       size(leads) AS n_leads, leads
ORDER BY n_leads DESC, list, number
