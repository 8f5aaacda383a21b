// Seed 003: 岢岚县 (county 140929), 严厉打击非法违法采矿抓落实工作推进机制.
// Rank rule (county level): 县委常委 / 常务副县长 / 副县长 / 三级调研员 = 'deputy_division';
// 局长 / 分局局长 / 乡（镇）长 = 'section'; 副局长 = 'deputy_section'; enterprise posts (供电公司总经理) = null.
// unitKey: the unit of the post that sets the rank (the higher post); on a tie the government or
// department post (李兴旺: 开发区管委会副主任 ≈ 县财政局局长 → finance).
// Duty units: printed generic names ("公安机关", "林草部门", "电力主管") map to the county unit of that line
// of work; "电力主管/电力部门" is the power regulator, kept apart from the grid companies.
// All units use the county code so county users see them (国网忻州电力公司 and 市生态环境局岢岚分局 included).
import type { SeedOrg } from './types.js';

const R = '140929';

export const seed003: SeedOrg = {
  seed: '003_adf29930d070a426.txt',
  regionCode: R,
  title: '岢岚县严厉打击非法违法采矿抓落实工作推进机制',
  units: [
    { key: 'gov', regionCode: R, name: '县人民政府', kind: 'government', sector: null },
    { key: 'party', regionCode: R, name: '县委', kind: 'party_committee', sector: null },
    { key: 'govoffice', regionCode: R, name: '县人民政府办公室', kind: 'bureau', sector: 'general_office' },
    { key: 'devzone', regionCode: R, name: '岢岚经济技术开发区管委会', kind: 'government', sector: 'other' },
    { key: 'nr', regionCode: R, name: '县自然资源局', kind: 'bureau', sector: 'natural_resources' },
    { key: 'police', regionCode: R, name: '县公安局', kind: 'bureau', sector: 'public_security' },
    { key: 'emergency', regionCode: R, name: '县应急管理局', kind: 'bureau', sector: 'emergency_management' },
    { key: 'finance', regionCode: R, name: '县财政局', kind: 'bureau', sector: 'finance' },
    { key: 'discipline', regionCode: R, name: '县纪委监委', kind: 'party_committee', sector: 'discipline_inspection' },
    { key: 'devreform', regionCode: R, name: '县发改局', kind: 'bureau', sector: 'development_reform' },
    { key: 'water', regionCode: R, name: '县水利局', kind: 'bureau', sector: 'water' },
    { key: 'agri', regionCode: R, name: '县农业农村局', kind: 'bureau', sector: 'agriculture' },
    { key: 'forestry', regionCode: R, name: '县林业局', kind: 'bureau', sector: 'forestry_grassland' },
    { key: 'eco', regionCode: R, name: '市生态环境局岢岚分局', kind: 'bureau', sector: 'ecology_environment' },
    { key: 'powerco', regionCode: R, name: '国网岢岚县供电公司', kind: 'power_company', sector: 'power_supply' },
    { key: 'xinzhougrid', regionCode: R, name: '国网忻州电力公司', kind: 'power_company', sector: 'power_supply' },
    { key: 'townships', regionCode: R, name: '各乡（镇）人民政府', kind: 'collective', sector: null },
    { key: 'publicity', regionCode: R, name: '县宣传部', kind: 'party_committee', sector: 'publicity' },
    { key: 'powerauth', regionCode: R, name: '县电力主管部门', kind: 'bureau', sector: 'power_supply' },
    { key: 'energy', regionCode: R, name: '县能源部门', kind: 'bureau', sector: 'energy' },
    { key: 'market', regionCode: R, name: '县市场监管部门', kind: 'bureau', sector: 'market_supervision' },
    { key: 'staffing', regionCode: R, name: '县编制部门', kind: 'party_committee', sector: 'other' },
    { key: 'personnel', regionCode: R, name: '县人事部门', kind: 'bureau', sector: 'other' },
    { key: 'approval', regionCode: R, name: '县行政审批部门', kind: 'bureau', sector: 'other' },
    { key: 'procuratorate', regionCode: R, name: '县检察机关', kind: 'judicial', sector: 'procuratorate' },
    { key: 'mines', regionCode: R, name: '各持证矿山企业', kind: 'collective', sector: null },
    { key: 'surveyors', regionCode: R, name: '相关地质调查勘察单位', kind: 'collective', sector: null },
  ],
  bodies: [
    {
      key: 'task_force',
      regionCode: R,
      name: '岢岚县严厉打击非法违法采矿工作专班',
      kind: 'task_force',
      parentKey: null,
      hostUnitKey: 'nr',
      duties: '领导小组每季度至少召开一次联席会议，研究解决重点难点问题，合力推动打击非法违法采矿工作落实。',
      districtCodes: [],
      cadenceMonths: 3,
      members: [
        { name: '王福平', position: '县委常委、常务副县长', role: 'leader', unitKey: 'gov', rank: 'deputy_division' },
        { name: '任政', position: '县政府副县长、县公安局局长', role: 'leader', unitKey: 'gov', rank: 'deputy_division' },
        { name: '秦帅', position: '县自然资源局局长', role: 'deputy_leader', unitKey: 'nr', rank: 'section' },
        { name: '程富生', position: '县应急管理局局长', role: 'deputy_leader', unitKey: 'emergency', rank: 'section' },
        {
          name: '李兴旺',
          position: '岢岚经济技术开发区管委会副主任、县财政局局长',
          role: 'member',
          unitKey: 'finance',
          rank: 'section',
        },
        { name: '李智勤', position: '县纪委监委三级调研员', role: 'member', unitKey: 'discipline', rank: 'deputy_division' },
        { name: '朱向东', position: '县发改局局长', role: 'member', unitKey: 'devreform', rank: 'section' },
        { name: '李计平', position: '县水利局局长', role: 'member', unitKey: 'water', rank: 'section' },
        { name: '崔月平', position: '县农业农村局局长', role: 'member', unitKey: 'agri', rank: 'section' },
        { name: '赵兴平', position: '县林业局局长', role: 'member', unitKey: 'forestry', rank: 'section' },
        { name: '薛俊峰', position: '市生态环境局岢岚分局局长', role: 'member', unitKey: 'eco', rank: 'section' },
        { name: '张利文', position: '县公安局副局长', role: 'member', unitKey: 'police', rank: 'deputy_section' },
        { name: '聂志荣', position: '国网岢岚县供电公司总经理', role: 'member', unitKey: 'powerco', rank: null },
        {
          name: null,
          position: '各乡（镇）乡（镇）长',
          role: 'member',
          unitKey: 'townships',
          rank: 'section',
          note: '各乡（镇）乡（镇）长',
        },
      ],
    },
    {
      key: 'office',
      regionCode: R,
      name: '岢岚县严厉打击非法违法采矿专项领导小组办公室',
      kind: 'office',
      parentKey: 'task_force',
      hostUnitKey: 'nr',
      duties: '领导小组办公室设在县自然资源局，办公室主任由秦帅同志兼任，负责完善联席会议机制，实现常态化运行。',
      districtCodes: [],
      cadenceMonths: null,
      // Printed in prose: "办公室主任由秦帅同志兼任"; position as in the task force roster.
      members: [{ name: '秦帅', position: '县自然资源局局长', role: 'office_director', unitKey: 'nr', rank: 'section' }],
    },
  ],
  duties: [
    {
      section: '二.(一).1',
      title: '健全常态化领导机构',
      content:
        '为确保严厉打击非法违法开采矿产资源常态化运行，县政府成立工作专班如下：\n领导小组办公室设在县自然资源局，办公室主任由秦帅同志兼任，负责完善联席会议机制，实现常态化运行。领导小组每季度至少召开一次联席会议，研究解决重点难点问题，合力推动打击非法违法采矿工作落实。',
      leadUnitKeys: ['townships', 'nr'],
      cooperatingUnitKeys: ['discipline', 'publicity', 'police', 'eco', 'emergency', 'water', 'devreform', 'forestry', 'powerco'],
    },
    {
      section: '二.(一).2',
      title: '建立乡（镇）党政主要负责人重点区域分级包联责任机制',
      content:
        '乡政府是本行政区域内打击非法违法采矿大检查大整治大提升行动的责任主体，要切实加强组织领导，层层压实主体责任，持续抓好打击非法违法采矿大检查大整治大提升行动工作。县打非办选取非法违法采矿重点乡（镇），乡（镇）选取非法违法采矿重点村，由党政主要负责人亲自包联。乡（镇）包联责任人每月至少到包联区域调研督导1次，采取日常督导、突击检查、明察暗访等方式，及时掌握具体情况，督促指导包联地区抓好打击非法违法采矿工作。包联地区发生重大非法违法采矿案件，造成严重后果的，同步追究包联责任人责任。',
      leadUnitKeys: ['townships'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(一).3',
      title: '构建“网格化”监管责任体系',
      content:
        '各乡（镇）要按照“属地管理、分级负责、全面覆盖、责任到人”的原则，全面梳理辖区内历史废弃（关闭）矿山、私挖滥采点、有证矿山等重点监管对象，逐一登记造册，全部确定位置坐标、设立警示标识牌和监管责任牌，定区域、定职责、定人员，实行“网格化”管理；凡在涉矿区域实施地灾治理、生态修复等工程项目的，要严格实行信息公示制度，按照“谁审批、谁负责”的原则，明确监管责任人；健全动态巡查监管机制，进一步压实乡、村两级责任，落实常态化巡查，构建县、乡、村三级联动的监管责任体系。',
      leadUnitKeys: ['townships'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(一).4',
      title: '完善部门联合工作机制',
      content:
        '县打非办要加强统筹领导，牵头组织自然资源、公安、生态环境、应急、水利、能源、林草、电力等相关部门，健全信息共享、联合执法、线索移送等工作机制，进一步明确各部门职责，有效凝聚工作合力。各行业主管部门要结合部门职责，将打击非法违法采矿作为日常监督检查的一项重要内容，对开采、储存、运输、销售各个环节实行“全链条”监管，发现非法违法采矿线索，及时通报相关部门查处。',
      leadUnitKeys: ['nr'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(一).5',
      title: '压实主管部门责任',
      content:
        '自然资源部门负责牵头组织对非法采矿行为的打击查处，查处持证矿山企业的超层越界行为；公安机关负责民用爆炸物品公共安全管理 and 民用爆炸物品购买、运输、爆破作业的安全监督管理，严厉打击非法采矿、破坏性采矿违法犯罪行为；生态环境部门负责组织开展生态环境保护执法检查，发现存在非法违法采矿行为，及时通报相关部门查处，发现自然保护区内存在非法违法采矿行为，及时通报相关部门查处；应急管理部门负责加强对依法取得采矿许可证矿山企业的安全监督，发现不符合安全生产条件以及未按批准的矿山安全设计要求组织生产建设的违法行为，依据安全生产法律法规进行处罚；发现超层越界影响安全的非法违法采矿行为及时通报相关部门处理；水利部门负责河道内非法违法采砂石行为的打击查处；林业部门负责自然保护区、林地、草原、湿地范围内非法违法采矿的监管，发现非法违法采矿行为，及时通报相关部门查处；电力主管部门负责加强供电企业监管，严禁为未经相关部门批准，未持有合法手续的矿山企业供电。组织对非法违法采矿重点区域相关企业用电情况进行监督检查，督促供电企业配合政府及相关职能部门对违法采矿行为终止供电；负责对全县非煤矿山等企业以及不明原因用电异常情况进行实时监测，有明显异常及时排查发现并预警通报；宣传部门负责指导协调宣传工作，根据自然资源等部门提供的权威信息，组织新闻媒体做好宣传报道，营造良好舆论氛围。',
      leadUnitKeys: ['nr', 'publicity', 'police', 'eco', 'emergency', 'water', 'forestry', 'powerauth'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(一).6',
      title: '压实企业管理责任',
      content:
        '持证矿山企业是本矿区范围内保护矿产资源和安全生产的管理责任主体。地质调查勘察单位对调查勘察区域范围的非法违法采矿行为负管理责任。私挖滥采易发频发区域内的矿山企业要主动担责，严禁纵容、掩护私挖滥采行为。企业要切实加强责任区域内矿产资源的管理和保护，及时发现制止私挖滥采、盗采资源等非法违法采矿行为，并及时报告属地监管部门。凡监管区域内应发现未发现、发现后不制止不报告、发生盗采资源案件、引发安全生产事故的，要倒追相关企业的管理责任。',
      leadUnitKeys: ['mines', 'surveyors'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(一).7',
      title: '加强自然资源执法队伍建设',
      content:
        '县自然资源部门要合理规划、调整、配置自然资源执法机构和人员，进一步充实基层一线执法力量，从人、财、物、待遇和技术手段等方面予以倾斜和保障。建立完善自然资源执法经费保障机制，将执法业务经费纳入同级财政保障范围，配齐日常巡查执法所需车辆和装备，不断提升自然资源执法效能和水平，为依法严厉打击非法违法采矿提供基础保障。',
      leadUnitKeys: ['nr'],
      cooperatingUnitKeys: ['staffing', 'personnel', 'finance'],
    },
    {
      section: '二.(二).1',
      title: '拓宽线索举报渠道',
      content:
        '县政府办要充分发挥“12345”政务服务便民热线、“110”报警电话等平台作用，通过公布举报电话、网络邮箱、举报信箱、建立举报平台等多种方式，不断拓宽群众举报途径，广泛收集非法违法采矿问题线索。',
      leadUnitKeys: ['govoffice'],
      cooperatingUnitKeys: ['police', 'nr', 'approval'],
    },
    {
      section: '二.(二).2',
      title: '加大案件查办力度',
      content:
        '县自然资源部门、公安机关要进一步加大打击非法违法采矿工作力度，始终保持高压态势，坚决“零容忍”，发现一起、查处一起，依法严惩重罚，形成强力震慑，严肃查处一批大案要案。',
      leadUnitKeys: ['nr', 'police'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(二).3',
      title: '严肃责任追究',
      content:
        '纪检监察机关依规依纪依法对属地党委、政府及其有关部门在打击非法违法采矿大检查大整治大提升行动工作的履职情况进行监督检查。凡发生非法违法采矿案件，既要严肃查处非法违法采矿中相关责任人履职不力、失职渎职问题，更要深挖彻查官商勾结、权钱交易、利益输送等背后腐败和“保护伞”问题。公安机关、自然资源部门要主动配合纪检监察机关，发现问题线索及时移交纪检监察机关。',
      leadUnitKeys: ['discipline'],
      cooperatingUnitKeys: ['police', 'nr'],
    },
    {
      section: '二.(二).4',
      title: '建立案件调查责任及公示机制',
      content:
        '公安机关、自然资源部门要全面推行案件公示制度。凡查处的非法违法采矿案件，要明确专人负责调查工作，并登记造册；案件办结后，要将处罚、追责等查处情况，主动向社会公开公示；对案件查处中存在失职渎职、包庇纵容、大案小查等问题的，要严肃追究相关办案人员责任。',
      leadUnitKeys: ['police', 'nr'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(二).5',
      title: '健全“行刑”衔接机制',
      content:
        '县公安机关要进一步细化制定本地区具体实施意见，完善联动执法、案件移送、案件法律监督、重大案件会商督办等制度，着力构建共同防范和合力打击非法违法采矿工作格局。司法机关要加强对行政执法部门的支持配合，必要时主动提前介入，严查严打、严惩重处破坏自然资源犯罪活动。',
      leadUnitKeys: ['police', 'procuratorate', 'nr'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(三).1',
      title: '建立重点区域实时视频监控体系',
      content:
        '县自然资源部门要谋划好视频监控布设点位，利用高空瞭望基站分布广、视野宽的特点，部署高空 360 度监控摄像机，优化监控点位布局，将历史废弃（关闭）矿山、私挖滥采点、重点矿区、露天矿山等非法违法采矿易发频发区，全部列为重点监管区域，实施全方位、多角度动态监管和实时预警。',
      leadUnitKeys: ['nr'],
      cooperatingUnitKeys: ['forestry', 'finance'],
    },
    {
      section: '二.(三).2',
      title: '建立自然资源智能监管平台',
      content:
        '依托现有自然资源执法综合监管平台和森林防火监控系统，通过 AI 人工智能、大数据分析、5G 传输等技术手段，实现视频探头自动巡查、违法行为和火源自动识别、地理坐标自动定位、识别信息自动分析、预警信息自动推送等功能，构建智能化、一体化的自然资源智能监管平台。',
      leadUnitKeys: ['nr'],
      cooperatingUnitKeys: ['nr', 'forestry', 'finance'],
    },
    {
      section: '二.(三).3',
      title: '积极推动实时视频监控系统建设',
      content:
        '县自然资源局要按照省自然资源厅《关于推进全省自然资源实时监控系统建设的指导意见》有关要求，周密制定本地区实施方案，明确责任分工和时间节点，有力有序推进工作落实，2022 年 12 月底前完成非法违法采矿重点区域实时视频监控系统建设，努力实现“重点区域全面覆盖、智能识别实时预警、违法行为实时处置”。',
      leadUnitKeys: ['nr', 'forestry', 'finance'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(四).1',
      title: '全面清查摸底',
      content:
        '相关职能部门要全面清查本领域已查处打击的非法违法采矿行为，清查摸底是否存在涉电问题，梳理涉及的重点行业、重点区域。电网企业要结合历史非法违法采矿涉电问题，全面总结难点痛点，有条件的要开展数据分析，制定对重点行业、重点区域用电监测方案。',
      leadUnitKeys: ['nr', 'eco', 'emergency', 'water', 'forestry', 'powerauth'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(四).2',
      title: '严格入网审核',
      content:
        '国网岢岚供电公司对非法违法采矿易发、频发重点区域各类生产企业和设施农业用电入网申请、设计审查、中间检查、竣工验收等环节开展审核检查工作。非法违法采矿易发、频发重点区域各类生产企业和设施农业用电应在入网新装（含增容）、迁移及报停恢复时出具书面承诺书，承诺不虚报接电容量，不私自增加用电容量，不私自对外转供电。',
      leadUnitKeys: ['powerco'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(四).3',
      title: '常态化监测监管',
      content:
        '电力主管部门要组织对非法违法采矿易发、频发重点区域用电企业开展监督检查。国网岢岚供电公司要充分应用企业电量采集和大数据分析（安全生产用电监测系统）等技术手段，对非法违法采矿重点区域用电单位（特别是生产企业和设施农业）进行常态化监测和分析，对不明原因用电异常要及时排查、及时预警；发现用电异常问题线索要及时反馈县严厉打击非法违法采矿专项领导小组办公室，并配合相关部门依法查处非法违法采矿行为。',
      leadUnitKeys: ['powerco'],
      cooperatingUnitKeys: ['nr', 'eco', 'emergency', 'water', 'forestry'],
    },
    {
      section: '二.(四).4',
      title: '密切联动协作',
      content:
        '县政府要指导公安、发展改革、自然资源、生态环境、应急、水利、能源、市场监管、林草、电力等部门建立联席会议、联合执法、联合惩戒等工作机制。县严厉打击非法违法采矿专项领导小组成员单位要配合电力部门监测需要，明确非法违法采矿易发、频发重点区域，及时提供重点区域内新立项、新建工矿和设施农业等信息，及时移送问题企业名单和相关信息。电力部门要对收到的问题企业名单进行重点监测，并及时反馈监测情况，必要时可向属地政府和相关部门申请开展联合检查。对查证属实的非法违法采矿涉电问题企业，相关部门根据反馈和检查结果，要将非法违法采矿企业的检查结果及行政处罚信息录入国家企业信用信息公示系统，将非法违法采矿个人信息录入全国信用信息共享平台。',
      leadUnitKeys: ['xinzhougrid'],
      cooperatingUnitKeys: ['police', 'devreform', 'nr', 'eco', 'emergency', 'water', 'energy', 'market', 'forestry'],
    },
    {
      section: '二.(五).1',
      title: '进一步加大宣传力度',
      content:
        '充分发挥新闻媒体宣传引导和舆论监督作用，多渠道、多形式开展法制宣传教育，深入解读加强矿产资源保护与维护安全稳定的重要意义，广泛宣传严厉打击非法违法采矿的决心和措施，切实调动广大人民群众参与保护资源的积极性，营造浓厚的社会氛围。',
      leadUnitKeys: ['publicity', 'nr'],
      cooperatingUnitKeys: [],
    },
    {
      section: '二.(五).2',
      title: '全面推动举报奖励制度落实',
      content:
        '县自然资源局要切实抓好《关于联合印发〈山西省非法违法采矿线索举报奖励办法〉的通知》（晋自然资发〔2022〕1号）的贯彻落实，结合《忻州市非法违法采矿线索举报奖励实施办法》（忻自然资函〔2022〕66号）进一步细化完善本地区举报奖励实施办法，公开举报电话，规范评定程序，细化奖励标准，落实奖金发放，做到应奖尽奖、足额兑现，充分调动群众参与监督的积极性，推动形成联防联控、群防群治工作格局。',
      leadUnitKeys: ['nr'],
      cooperatingUnitKeys: ['police', 'finance', 'approval'],
    },
    {
      section: '二.(五).3',
      title: '公开通报曝光典型案例',
      content:
        '综合利用传统媒体和新媒体，广泛宣传政策法规和执法动态，通过召开新闻发布会、通气会等形式，定期曝光重大典型案例，邀请媒体持续跟踪报道查办过程，加强舆论监督，扩大办案影响，有效形成震慑效应。相关单位要加强与新闻媒体的沟通联系，通过主动向媒体提供素材，推荐掌握相关政策、熟悉相关领域业务的专家学者接受媒体访谈等方式，畅通媒体采访渠道，切实发挥新闻媒体的宣传引导作用。',
      leadUnitKeys: ['publicity'],
      cooperatingUnitKeys: ['nr', 'police'],
    },
    {
      section: '二.(五).4',
      title: '健全办案激励机制',
      content:
        '探索建立办案奖励制度，对办案机关主动发现并查实的重大典型非法违法采矿案件，给予表现突出的办案人员适当表彰奖励，充分激发办案人员工作积极性。',
      leadUnitKeys: ['gov', 'nr', 'police'],
      cooperatingUnitKeys: ['police', 'nr', 'finance'],
    },
  ],
};
