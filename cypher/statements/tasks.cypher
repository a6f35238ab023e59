// statement: tasks
// Merge tasks by id and set every field. $rows: id, list, number, title, text, deadline, deadline_kind, deadline_raw, domain, row.
UNWIND $rows AS r
MERGE (t:Task {id: r.id})
SET t.list = r.list, t.number = r.number, t.title = r.title, t.text = r.text,
    t.deadline = CASE WHEN r.deadline IS NULL THEN null ELSE date(r.deadline) END,
    t.deadline_kind = r.deadline_kind, t.deadline_raw = r.deadline_raw,
    t.domain = r.domain, t.row = r.row
