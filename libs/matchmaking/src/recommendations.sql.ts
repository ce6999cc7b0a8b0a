/**
 * Ranks the candidates of one viewer inside PostgreSQL, so a request never loads
 * the event into memory. It mirrors the rules of score.ts exactly (the e2e test
 * "SQL ranking equals the pure score" holds them together):
 *
 * $1 event id, $2 viewer registration id, $3 viewer side,
 * $4 viewer needs (distinct), $5 viewer offers (distinct), $6 viewer languages,
 * $7 viewer room id (nullable), $8 viewer venue id, $9 viewer on site (bool),
 * $10 certification kinds the viewer holds, $11 limit, $12 offset.
 *
 * Candidates: approved registrations of the other side with no requested,
 * accepted, declined or withdrawn connection with the viewer.
 */
export const RANK_RECOMMENDATIONS_SQL = `
WITH cand AS (
  SELECT r.id, r.enterprise_id, r.room_id, r.venue_id, r.attendance, e.languages, e.certifications
    FROM registrations r
    JOIN enterprises e ON e.id = r.enterprise_id
   WHERE r.event_id = $1 AND r.status = 'approved' AND r.side <> $3 AND r.id <> $2
     AND NOT EXISTS (
       SELECT 1 FROM connections c
        WHERE c.event_id = $1 AND c.pair_low = least(r.id, $2::uuid) AND c.pair_high = greatest(r.id, $2::uuid)
          AND c.status IN ('requested', 'accepted', 'declined', 'withdrawn'))
),
-- rule 1: per viewer need, the best level among the candidate's offers (and the reverse)
they_offer AS (
  SELECT c.id AS cid, n.code, left(n.code, 2) AS chapter,
         max(CASE WHEN length(n.code) >= 6 AND length(p.hs_code) >= 6 AND left(n.code, 6) = left(p.hs_code, 6) THEN 30
                  WHEN length(n.code) >= 4 AND length(p.hs_code) >= 4 AND left(n.code, 4) = left(p.hs_code, 4) THEN 20
                  ELSE 8 END) AS pts
    FROM unnest($4::text[]) AS n(code)
    JOIN enterprise_products p ON left(p.hs_code, 2) = left(n.code, 2) AND p.direction = 'offer'
    JOIN cand c ON c.enterprise_id = p.enterprise_id
   GROUP BY c.id, n.code
),
you_offer AS (
  SELECT c.id AS cid, o.code, left(o.code, 2) AS chapter,
         max(CASE WHEN length(o.code) >= 6 AND length(p.hs_code) >= 6 AND left(o.code, 6) = left(p.hs_code, 6) THEN 30
                  WHEN length(o.code) >= 4 AND length(p.hs_code) >= 4 AND left(o.code, 4) = left(p.hs_code, 4) THEN 20
                  ELSE 8 END) AS pts
    FROM unnest($5::text[]) AS o(code)
    JOIN enterprise_products p ON left(p.hs_code, 2) = left(o.code, 2) AND p.direction = 'need'
    JOIN cand c ON c.enterprise_id = p.enterprise_id
   GROUP BY c.id, o.code
),
products AS (
  SELECT cid, sum(pts) AS pts FROM (SELECT cid, pts FROM they_offer UNION ALL SELECT cid, pts FROM you_offer) m GROUP BY cid
),
-- rule 2: certification kinds the traded chapters require, held by the seller, once per (seller, kind)
required AS (
  SELECT * FROM (VALUES ('07', 'growing_area_code'), ('07', 'packing_facility_code'), ('08', 'growing_area_code'),
                        ('08', 'packing_facility_code'), ('02', 'gacc_registration'), ('03', 'gacc_registration'),
                        ('04', 'gacc_registration'), ('05', 'gacc_registration'), ('16', 'gacc_registration')) AS t(chapter, kind)
),
cert_candidate AS (
  SELECT t.cid, count(DISTINCT q.kind) * 10 AS pts
    FROM they_offer t
    JOIN required q ON q.chapter = t.chapter
    JOIN cand c ON c.id = t.cid AND c.certifications @> jsonb_build_array(jsonb_build_object('kind', q.kind))
   GROUP BY t.cid
),
cert_viewer AS (
  SELECT y.cid, count(DISTINCT q.kind) * 10 AS pts
    FROM you_offer y
    JOIN required q ON q.chapter = y.chapter AND q.kind = ANY($10::text[])
   GROUP BY y.cid
),
-- rule 3: OCOP stars (3-5, the highest held) when the candidate offers something the viewer needs
ocop AS (
  SELECT c.id AS cid, max((x ->> 'stars')::int) AS pts
    FROM cand c
    CROSS JOIN LATERAL jsonb_array_elements(c.certifications) AS x
   WHERE x ->> 'kind' = 'ocop' AND jsonb_typeof(x -> 'stars') = 'number' AND (x ->> 'stars')::numeric IN (3, 4, 5)
     AND EXISTS (SELECT 1 FROM they_offer t WHERE t.cid = c.id)
   GROUP BY c.id
),
scored AS (
  SELECT c.id,
         coalesce(p.pts, 0) + coalesce(cc.pts, 0) + coalesce(cv.pts, 0) + coalesce(o.pts, 0)
         + CASE WHEN $7::uuid IS NOT NULL AND c.room_id = $7::uuid THEN 10 ELSE 0 END
         + CASE WHEN $9::boolean AND c.attendance = 'onsite' AND c.venue_id = $8::uuid THEN 8 ELSE 0 END
         + CASE WHEN c.languages && $6::text[] THEN 4 ELSE 0 END AS score
    FROM cand c
    LEFT JOIN products p ON p.cid = c.id
    LEFT JOIN cert_candidate cc ON cc.cid = c.id
    LEFT JOIN cert_viewer cv ON cv.cid = c.id
    LEFT JOIN ocop o ON o.cid = c.id
)
SELECT id, score::int AS score, count(*) OVER ()::int AS total
  FROM scored
 WHERE score > 0
 ORDER BY score DESC, id
 LIMIT $11 OFFSET $12
`;
