// statement: existing_tasks
// Which of these task ids the database holds already. $ids.
UNWIND $ids AS id
MATCH (t:Task {id: id})
RETURN t.id AS id
