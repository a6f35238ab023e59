// name: unit_tasks
// zh: 某单位牵头的任务及其完成时限
// en: The tasks a unit leads, with their deadlines
// param: unit (str): the unit's canonical name, e.g. 市税务局
MATCH (u:Unit {name: $unit})-[:LEADS]->(t:Task)
RETURN t.id AS task_id, t.list AS list, t.number AS number, t.title AS title,
       t.deadline AS deadline, t.deadline_kind AS deadline_kind
ORDER BY t.deadline, t.list, t.number
