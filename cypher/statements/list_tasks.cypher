// statement: list_tasks
// Delete up to $batch tasks of list $list with their edges; returns how many.
MATCH (t:Task {list: $list})
WITH t LIMIT $batch
DETACH DELETE t
RETURN count(*) AS n
