/**
 * The body of POST /api/problems for a 002 (达拉特旗) problem in 白泥井镇: 临时用地批小占大, found
 * 2022-05-20, due 2022-11-30, 旗林业和草原局 and 杜培源 (副科) responsible — valid under 002's rules.
 * Tests pass the campaign, unit and person ids they looked up, and override what they test.
 */
export function daladProblemBody(ref: { campaignId: string; unitId: string; personId: string }, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    campaignId: ref.campaignId,
    regionCode: '150621102',
    enterprise: '达拉特旗某某煤矿',
    typeCode: 'temp_land_small_big',
    description: '临时用地批小占大',
    measures: '退还超占土地并复垦',
    foundOn: '2022-05-20',
    deadline: '2022-11-30',
    responsibleUnitId: ref.unitId,
    responsiblePersonId: ref.personId,
    responsibleContact: '13947712345',
    source: 'survey',
    ...over,
  };
}
