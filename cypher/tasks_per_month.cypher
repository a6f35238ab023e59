// name: tasks_per_month
// zh: 每月到期的任务数
// en: How many tasks fall due in each month
MATCH (t:Task)
WHERE t.deadline IS NOT NULL
RETURN t.deadline.year AS year, t.deadline.month AS month, count(t) AS tasks
ORDER BY year, month
