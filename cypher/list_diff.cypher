// name: list_diff
// zh: 两份清单之间的差异：哪些单位的任务增加或减少
// en: The differences between two lists: which units gained or lost tasks
// param: old (str): the earlier list's id
// param: new (str): the later list's id
MATCH (u:Unit)-[r:LEADS|SUPPORTS]->(t:Task)
WHERE t.list = $old OR t.list = $new
WITH u, t, collect(type(r)) AS roles
WITH u,
     sum(CASE WHEN t.list = $old THEN 1 ELSE 0 END) AS old_tasks,
     sum(CASE WHEN t.list = $new THEN 1 ELSE 0 END) AS new_tasks,
     sum(CASE WHEN t.list = $old AND 'LEADS' IN roles THEN 1 ELSE 0 END) AS old_leads,
     sum(CASE WHEN t.list = $new AND 'LEADS' IN roles THEN 1 ELSE 0 END) AS new_leads
WHERE old_tasks <> new_tasks OR old_leads <> new_leads
RETURN u.name AS unit, u.kind AS kind, old_tasks, new_tasks, new_tasks - old_tasks AS change,
       old_leads, new_leads, new_leads - old_leads AS lead_change,
       CASE WHEN old_tasks = 0 THEN 'new' WHEN new_tasks = 0 THEN 'gone'
            WHEN new_tasks > old_tasks THEN 'gained' WHEN new_tasks < old_tasks THEN 'lost'
            ELSE 'role changed' END AS status
ORDER BY change DESC, lead_change DESC, unit
