/**
 * The stability study's recipes on ring8 (issue 18): each starts from its app's ring8 preset and
 * names the flags that make the recipe; both players' rates are the preset's times one multiplier
 * of the grid, so a recipe's two-time-scale ratio is kept while its step size moves.
 *
 * Budgets: each family's preset budget would leave the gan recipes at 1,000 steps, where no run
 * sharpens to the 80% high-quality bar (benchmarks/stability-sweep.md: HQ 0.01-0.3 at 1,000
 * steps), so every recipe trains the wgan-gp preset's 8,000 steps (`--steps` changes it).
 */
export interface StudyRecipe {
  name: string;
  family: 'gan' | 'wgan-gp';
  describe: string;
  /** Flags after the preset (the preset itself comes from --dataset). */
  flags: readonly string[];
  /** The rates the multiplier scales. */
  lrD: number;
  lrG: number;
}

/** Flags every gan recipe pins (the preset's rates are 1e-3 for both). */
const GAN = { lrD: 1e-3, lrG: 1e-3 };
/** The wgan-gp ring8 preset's rates (TTUR 3:1) and its n_critic 1; schedule pinned constant so the grid rate is every step's. */
const WGAN = { lrD: 3e-3, lrG: 1e-3 };
const WGAN_PINS = ['--lr-schedule', 'constant', '--ema-decay', '0'];

export const STUDY_RECIPES: readonly StudyRecipe[] = [
  { name: 'gan plain', family: 'gan', describe: 'non-saturating loss, Adam(lr, 0.5, 0.999), MLP critic without normalisation', flags: ['--spectral-norm', 'false', '--r1-gamma', '0'], ...GAN },
  { name: 'gan + SN', family: 'gan', describe: 'gan plain + spectral normalisation of every critic layer (Miyato et al. 2018)', flags: ['--spectral-norm', 'true', '--r1-gamma', '0'], ...GAN },
  { name: 'gan + R1', family: 'gan', describe: 'gan plain + R1 on real data, gamma 1 (Mescheder et al. 2018)', flags: ['--spectral-norm', 'false', '--r1-gamma', '1'], ...GAN },
  { name: 'wgan (no constraint)', family: 'wgan-gp', describe: 'Wasserstein loss without any Lipschitz constraint (lambda 0), n_critic 1, Adam(lr, 0, 0.9)', flags: ['--gp-lambda', '0', '--n-critic', '1', ...WGAN_PINS], ...WGAN },
  { name: 'wgan-gp (paper)', family: 'wgan-gp', describe: 'gradient penalty lambda 10, n_critic 5 (Gulrajani et al. 2017)', flags: ['--gp-lambda', '10', '--n-critic', '5', ...WGAN_PINS], ...WGAN },
  { name: 'wgan-gp (preset)', family: 'wgan-gp', describe: "the ring8 preset's recipe: lambda 1, n_critic 1", flags: ['--gp-lambda', '1', '--n-critic', '1', ...WGAN_PINS], ...WGAN },
  { name: 'wgan-gp (preset) + guard', family: 'wgan-gp', describe: 'the preset + the divergence guard (roll back, halve the rates, at most 3 times)', flags: ['--gp-lambda', '1', '--n-critic', '1', ...WGAN_PINS, '--guard'], ...WGAN },
];

export const recipeNamed = (name: string): StudyRecipe | undefined => STUDY_RECIPES.find((r) => r.name === name);
