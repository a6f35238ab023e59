// name: due_in_month
// zh: 某月到期的任务，按单位汇总
// en: Tasks due in a given month, by unit
// param: year (int): the year, e.g. 2020
// param: month (int): the month, 1 to 12
// param: include_collectives (bool, default false): list collective placeholders too
MATCH (u:Unit)-[r:LEADS|SUPPORTS]->(t:Task)
WHERE t.deadline.year = $year AND t.deadline.month = $month
  AND ($include_collectives OR u.kind = 'agency')
WITH u, t, collect(type(r)) AS roles
WITH u, collect(t.id) AS tasks,
     sum(CASE WHEN 'LEADS' IN roles THEN 1 ELSE 0 END) AS leads,
     sum(CASE WHEN 'LEADS' IN roles THEN 0 ELSE 1 END) AS supports
RETURN u.name AS unit, u.kind AS kind, size(tasks) AS due, leads, supports, tasks
ORDER BY due DESC, unit
