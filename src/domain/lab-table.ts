/**
 * The lab table bundled with rankwatch: who makes each model and where the lab is based. The
 * README lists it; LAB_TABLE (see .env.example) overrides or extends any row. Every lab in the
 * bundled sample and in the real OpenRouter record of spring 2026 has a row.
 */

/** One lab: how it is shown, and its ISO 3166 country code (absent when it has no single home). */
export interface LabRow {
  readonly name: string;
  readonly region?: string;
}

export interface LabTable {
  /** Permaslug author → the lab it stands for (`meta-llama` → `meta`). */
  readonly aliases: Readonly<Record<string, string>>;
  readonly labs: Readonly<Record<string, LabRow>>;
}

export const BUNDLED_LABS: LabTable = {
  aliases: {
    'meta-llama': 'meta',
    'x-ai': 'xai',
    'z-ai': 'zhipu',
    thudm: 'zhipu',
    zai: 'zhipu',
    'zai-org': 'zhipu',
    alibaba: 'qwen',
    moonshot: 'moonshotai',
    'deepseek-ai': 'deepseek',
    mistral: 'mistralai',
    minimaxai: 'minimax',
    'stepfun-ai': 'stepfun',
    xiaomimimo: 'xiaomi',
    'liquidai': 'liquid',
  },
  labs: {
    amazon: { name: 'Amazon', region: 'US' },
    'anthracite-org': { name: 'Anthracite' }, // a community of fine-tuners, no single country
    anthropic: { name: 'Anthropic', region: 'US' },
    'arcee-ai': { name: 'Arcee AI', region: 'US' },
    cohere: { name: 'Cohere', region: 'CA' },
    deepseek: { name: 'DeepSeek', region: 'CN' },
    'eva-unit-01': { name: 'EVA' }, // community fine-tunes
    google: { name: 'Google', region: 'US' },
    gryphe: { name: 'Gryphe' }, // an individual fine-tuner
    inclusionai: { name: 'inclusionAI (Ant Group)', region: 'CN' },
    liquid: { name: 'Liquid AI', region: 'US' },
    meta: { name: 'Meta', region: 'US' },
    microsoft: { name: 'Microsoft', region: 'US' },
    minimax: { name: 'MiniMax', region: 'CN' },
    mistralai: { name: 'Mistral AI', region: 'FR' },
    moonshotai: { name: 'Moonshot AI', region: 'CN' },
    neversleep: { name: 'NeverSleep' }, // community fine-tunes
    nousresearch: { name: 'Nous Research', region: 'US' },
    nvidia: { name: 'NVIDIA', region: 'US' },
    openai: { name: 'OpenAI', region: 'US' },
    // OpenRouter's own slugs are stealth models from labs that are not named yet: no region.
    openrouter: { name: 'OpenRouter (stealth models)' },
    perplexity: { name: 'Perplexity', region: 'US' },
    qwen: { name: 'Alibaba (Qwen)', region: 'CN' },
    sao10k: { name: 'Sao10K' }, // an individual fine-tuner
    stepfun: { name: 'StepFun', region: 'CN' },
    tencent: { name: 'Tencent', region: 'CN' },
    xai: { name: 'xAI', region: 'US' },
    xiaomi: { name: 'Xiaomi', region: 'CN' },
    zhipu: { name: 'Z.ai (Zhipu)', region: 'CN' },
  },
};

/** Country names for the codes the table uses; other codes are named by Intl.DisplayNames. */
const COUNTRIES: Readonly<Record<string, string>> = {
  CN: 'China',
  US: 'the United States',
  FR: 'France',
  CA: 'Canada',
  GB: 'the United Kingdom',
  AE: 'the United Arab Emirates',
};

/** `CN` → `China`; an unknown code is shown as it is. */
export function regionName(code: string): string {
  if (COUNTRIES[code]) return COUNTRIES[code];
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
