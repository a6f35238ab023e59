// name: unit_partners
// zh: 某单位的合作单位及共同承担的任务
// en: A unit's partners and the tasks they share
// param: unit (str): the unit's canonical name
// param: include_collectives (bool, default false): count collective placeholders as partners
MATCH (u:Unit {name: $unit})-[r1:LEADS|SUPPORTS]->(t:Task)<-[r2:LEADS|SUPPORTS]-(p:Unit)
WHERE p <> u AND ($include_collectives OR p.kind = 'agency')
WITH p, t, collect(DISTINCT type(r1)) AS mine, collect(DISTINCT type(r2)) AS theirs
WITH p, t, 'LEADS' IN mine AS i_lead, 'LEADS' IN theirs AS they_lead
WITH p, collect(t.id) AS tasks,
     sum(CASE WHEN i_lead AND NOT they_lead THEN 1 ELSE 0 END) AS unit_leads,
     sum(CASE WHEN they_lead AND NOT i_lead THEN 1 ELSE 0 END) AS partner_leads,
     sum(CASE WHEN i_lead AND they_lead THEN 1 ELSE 0 END) AS co_lead,
     sum(CASE WHEN NOT i_lead AND NOT they_lead THEN 1 ELSE 0 END) AS co_support
RETURN p.name AS partner, p.kind AS kind, size(tasks) AS shared, unit_leads, partner_leads,
       co_lead, co_support, tasks
ORDER BY shared DESC, partner
