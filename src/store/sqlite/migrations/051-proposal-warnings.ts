/** What a proposal's author was warned of (a scorecard changed under the same version label). */
export const sql = `
ALTER TABLE mapping_proposals ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
`;
