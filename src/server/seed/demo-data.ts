/**
 * Word lists for the demo company generator (seed/demo.ts). Company names are built the
 * way each language builds them; cities belong to the `region` dictionary's codes.
 * Each name part carries a romanisation used for e-mail addresses and websites.
 */

export type Lang = 'ko' | 'zh' | 'en';
/** [text, romanisation, weight] */
export type Part = readonly [text: string, roman: string, weight?: number];

export interface RegionInfo {
  readonly code: string;
  readonly weight: number;
  /** [city, phone area code, postal code prefix] */
  readonly cities: readonly (readonly [city: string, area: string, postal: string])[];
}

export interface LangInfo {
  readonly weight: number;
  readonly country: string;
  readonly tld: string;
  readonly regions: readonly RegionInfo[];
  readonly brands: readonly Part[];
  readonly cores: readonly Part[];
  readonly streets: readonly string[];
  readonly notes: readonly string[];
}

export const LANGS: Readonly<Record<Lang, LangInfo>> = {
  ko: {
    weight: 45,
    country: '대한민국',
    tld: 'co.kr',
    regions: [
      { code: 'seoul', weight: 40, cities: [['서울', '02', '0']] },
      { code: 'gyeonggi', weight: 20, cities: [['수원', '031', '16'], ['성남', '031', '13'], ['고양', '031', '10'], ['용인', '031', '17'], ['안산', '031', '15']] },
      { code: 'busan', weight: 10, cities: [['부산', '051', '4']] },
      { code: 'incheon', weight: 8, cities: [['인천', '032', '2']] },
      { code: 'daegu', weight: 6, cities: [['대구', '053', '4']] },
      { code: 'daejeon', weight: 5, cities: [['대전', '042', '3']] },
      { code: 'gwangju', weight: 4, cities: [['광주', '062', '6']] },
      { code: 'ulsan', weight: 4, cities: [['울산', '052', '4']] },
      { code: 'jeju', weight: 3, cities: [['제주', '064', '63']] },
    ],
    brands: [
      ['삼성', 'samsung', 6], ['현대', 'hyundai', 6], ['대한', 'daehan', 3], ['한국', 'hanguk', 3], ['동양', 'dongyang'],
      ['신한', 'shinhan'], ['세종', 'sejong'], ['한빛', 'hanbit'], ['미래', 'mirae'], ['우리', 'woori'], ['태평양', 'taepyeongyang'],
      ['금강', 'geumgang'], ['한양', 'hanyang'], ['동아', 'donga'], ['대성', 'daesung'], ['성원', 'sungwon'], ['새한', 'saehan'],
      ['청솔', 'cheongsol'], ['한울', 'hanul'], ['누리', 'nuri'], ['다온', 'daon'], ['가온', 'gaon'], ['한별', 'hanbyeol'],
      ['푸른', 'pureun'], ['백두', 'baekdu'], ['한라', 'halla'], ['아름', 'areum'], ['온누리', 'onnuri'], ['참빛', 'chambit'],
      ['제일', 'jeil'], ['고려', 'goryeo'], ['조선', 'joseon'], ['대림', 'daelim'], ['효성', 'hyosung'], ['동원', 'dongwon'],
      ['진성', 'jinsung'], ['우성', 'woosung'], ['극동', 'geukdong'], ['한진', 'hanjin'], ['태광', 'taegwang'],
    ],
    cores: [
      ['전자', 'electronics', 3], ['건설', 'construction', 3], ['물산', 'trading', 2], ['상사', 'sangsa', 2], ['산업', 'industries', 2],
      ['테크', 'tech', 2], ['정밀', 'precision'], ['화학', 'chemical'], ['식품', 'foods', 2], ['제약', 'pharm'], ['시스템', 'systems'],
      ['통신', 'telecom'], ['유통', 'distribution'], ['물류', 'logistics'], ['기계', 'machinery'], ['소프트', 'soft'], ['디자인', 'design'],
      ['엔지니어링', 'engineering'], ['중공업', 'heavy'], ['금속', 'metal'], ['에너지', 'energy'], ['바이오', 'bio'], ['의료기', 'medical'],
      ['교육', 'edu'], ['컨설팅', 'consulting'], ['인터내셔널', 'international'], ['네트웍스', 'networks'], ['솔루션', 'solutions'],
    ],
    streets: ['테헤란로', '세종대로', '강남대로', '을지로', '중앙로', '해운대로', '대학로', '산업로', '첨단로', '월드컵로', '판교로', '광교로'],
    notes: ['정기 방문 고객', '견적 요청 후 회신 대기', '연간 계약 갱신 예정', '담당자 변경됨', '신규 프로젝트 논의 중', '결제 조건 협의 필요'],
  },
  zh: {
    weight: 30,
    country: '中国',
    tld: 'com.cn',
    regions: [
      { code: 'shanghai', weight: 25, cities: [['上海', '021', '200']] },
      { code: 'beijing', weight: 25, cities: [['北京', '010', '100']] },
      { code: 'guangdong', weight: 25, cities: [['广州', '020', '510'], ['深圳', '0755', '518'], ['东莞', '0769', '523'], ['佛山', '0757', '528']] },
      { code: 'jiangsu', weight: 13, cities: [['南京', '025', '210'], ['苏州', '0512', '215'], ['无锡', '0510', '214']] },
      { code: 'zhejiang', weight: 12, cities: [['杭州', '0571', '310'], ['宁波', '0574', '315'], ['温州', '0577', '325']] },
    ],
    brands: [
      ['华信', 'huaxin', 6], ['中兴', 'zhongxing', 3], ['东方', 'dongfang', 3], ['长城', 'changcheng'], ['恒通', 'hengtong'],
      ['金桥', 'jinqiao'], ['新华', 'xinhua'], ['海天', 'haitian'], ['天元', 'tianyuan'], ['宏达', 'hongda'], ['永利', 'yongli'],
      ['盛世', 'shengshi'], ['国泰', 'guotai'], ['瑞丰', 'ruifeng'], ['万通', 'wantong'], ['联合', 'lianhe'], ['百盛', 'baisheng'],
      ['鼎盛', 'dingsheng'], ['富达', 'fuda'], ['荣昌', 'rongchang'], ['德诚', 'decheng'], ['汇通', 'huitong'], ['兴业', 'xingye'],
      ['明泰', 'mingtai'], ['润华', 'runhua'], ['嘉禾', 'jiahe'], ['银河', 'yinhe'], ['远航', 'yuanhang'], ['中泰', 'zhongtai'], ['三联', 'sanlian'],
    ],
    cores: [
      ['科技', 'tech', 4], ['电子', 'electronics', 2], ['贸易', 'trading', 3], ['实业', 'industrial', 2], ['物流', 'logistics'],
      ['建设', 'construction'], ['软件', 'software', 2], ['网络', 'network'], ['医药', 'pharma'], ['食品', 'food'], ['机械', 'machinery'],
      ['化工', 'chemical'], ['能源', 'energy'], ['信息', 'info'], ['咨询', 'consulting'], ['传媒', 'media'], ['材料', 'materials'], ['环保', 'eco'],
    ],
    streets: ['南京路', '长安街', '中山路', '人民路', '解放路', '建设路', '科技园路', '滨江大道', '天河路', '深南大道'],
    notes: ['重点客户，季度回访', '已发送报价单', '年度合同待续签', '联系人已更换', '正在洽谈新项目', '需确认付款条件'],
  },
  en: {
    weight: 25,
    country: 'United States',
    tld: 'com',
    regions: [
      { code: 'california', weight: 55, cities: [['San Francisco', '415', '941'], ['Los Angeles', '213', '900'], ['San Diego', '619', '921'], ['San Jose', '408', '951'], ['Oakland', '510', '946']] },
      { code: 'new-york', weight: 45, cities: [['New York', '212', '100'], ['Brooklyn', '718', '112'], ['Buffalo', '716', '142'], ['Albany', '518', '122'], ['Rochester', '585', '146']] },
    ],
    brands: [
      ['Acme', 'acme', 4], ['Global', 'global', 3], ['Pacific', 'pacific', 2], ['Summit', 'summit'], ['Blue River', 'blueriver'],
      ['Northwind', 'northwind', 2], ['Contoso', 'contoso', 2], ['Fabrikam', 'fabrikam'], ['Silverline', 'silverline'], ['Golden Gate', 'goldengate'],
      ['Redwood', 'redwood'], ['Evergreen', 'evergreen'], ['Pioneer', 'pioneer'], ['Atlas', 'atlas'], ['Horizon', 'horizon'], ['Apex', 'apex'],
      ['Liberty', 'liberty'], ['Keystone', 'keystone'], ['Hudson', 'hudson'], ['Empire', 'empire'], ['Sierra', 'sierra'], ['Bayview', 'bayview'],
      ['Ironwood', 'ironwood'], ['Brightpath', 'brightpath'], ['Crescent', 'crescent'], ['Harbor', 'harbor'], ['Lakeside', 'lakeside'], ['Union', 'union'],
    ],
    cores: [
      ['Trading', 'trading', 3], ['Logistics', 'logistics', 2], ['Software', 'software', 2], ['Foods', 'foods'], ['Manufacturing', 'mfg', 2],
      ['Construction', 'construction'], ['Health', 'health'], ['Capital', 'capital'], ['Systems', 'systems', 2], ['Labs', 'labs'],
      ['Energy', 'energy'], ['Retail', 'retail'], ['Consulting', 'consulting'], ['Media', 'media'], ['Robotics', 'robotics'], ['Supply', 'supply'],
    ],
    streets: ['Market St', 'Main St', 'Broadway', 'Mission St', 'Park Ave', 'Sunset Blvd', 'Madison Ave', 'Elm St', 'Oak St', 'Harbor Dr'],
    notes: ['Key account, quarterly review', 'Quote sent, waiting for reply', 'Annual contract up for renewal', 'Contact person changed', 'Discussing a new project', 'Payment terms to confirm'],
  },
};

export const KO_FORMS = ['', '', '(주)', '주식회사 '] as const;
export const ZH_FORMS = ['有限公司', '有限公司', '股份有限公司', '集团', ''] as const;
export const EN_FORMS = ['Inc.', 'LLC', 'Co.', 'Ltd.', 'Corp.', ''] as const;
export const EMAIL_USERS = ['info', 'sales', 'contact', 'hello', 'office', 'biz'] as const;

/** Dictionary codes (from migration 002) with weights, so distributions look like a real book of customers. */
export const DICT_WEIGHTS: Readonly<Record<string, readonly (readonly [code: string, weight: number])[]>> = {
  'customer-type': [['customer', 60], ['partner', 12], ['reseller', 10], ['supplier', 10], ['competitor', 3], ['other', 5]],
  industry: [['manufacturing', 18], ['it', 20], ['retail', 12], ['finance', 8], ['education', 5], ['healthcare', 7], ['construction', 9], ['logistics', 8], ['food', 8], ['government', 5]],
  'customer-source': [['referral', 25], ['website', 30], ['exhibition', 15], ['cold-call', 10], ['advertising', 12], ['partner', 8]],
  'customer-rating': [['a', 10], ['b', 25], ['c', 45], ['d', 20]],
  'customer-status': [['prospect', 30], ['active', 45], ['inactive', 18], ['lost', 7]],
};
