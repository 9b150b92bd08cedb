/**
 * The stability study's recipes on ring8 (issue 18): each starts from its app's ring8 preset and
 * names the flags that make the recipe; both players' rates are the preset's times one multiplier
 * of the grid, so a recipe's two-time-scale ratio is kept while its step size moves.
 *
 * Budgets: each family's preset budget would leave the gan recipes at 1,000 steps, where no run
 * sharpens to the 80% high-quality bar (benchmarks/stability-sweep.md: HQ 0.01-0.3 at 1,000
 * steps), so every recipe trains the wgan-gp preset's 8,000 steps (`--steps` changes it).
 *
 * Protocol: every recipe also shares the wgan-gp preset's schedule and averaging (STUDY_PROTOCOL),
 * so a recipe differs from another only by its loss, constraint, penalty or guard. With constant
 * rates and no EMA no cell of the preset itself reached the bar (benchmarks/stability-study-
 * constant-lr.md: HQ 0.48-0.80 at x0.056..x2.61), so that design measured nothing.
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
/** The wgan-gp ring8 preset's rates (TTUR 3:1). */
const WGAN = { lrD: 3e-3, lrG: 1e-3 };

/** What every run shares, whatever its recipe: the grid rate is the peak of a linear decay to 0, and the EMA generator (decay 0.999) is what is scored. */
export const STUDY_PROTOCOL = ['--lr-schedule', 'linear', '--ema-decay', '0.999'] as const;

export const STUDY_RECIPES: readonly StudyRecipe[] = [
  { name: 'gan plain', family: 'gan', describe: 'non-saturating loss, Adam(lr, 0.5, 0.999), MLP critic without normalisation', flags: ['--spectral-norm', 'false', '--r1-gamma', '0'], ...GAN },
  { name: 'gan + SN', family: 'gan', describe: 'gan plain + spectral normalisation of every critic layer (Miyato et al. 2018)', flags: ['--spectral-norm', 'true', '--r1-gamma', '0'], ...GAN },
  { name: 'gan + R1', family: 'gan', describe: 'gan plain + R1 on real data, gamma 1 (Mescheder et al. 2018)', flags: ['--spectral-norm', 'false', '--r1-gamma', '1'], ...GAN },
  { name: 'wgan (no constraint)', family: 'wgan-gp', describe: 'Wasserstein loss without any Lipschitz constraint (lambda 0), n_critic 1, Adam(lr, 0, 0.9)', flags: ['--gp-lambda', '0', '--n-critic', '1'], ...WGAN },
  { name: 'wgan-gp (paper)', family: 'wgan-gp', describe: 'gradient penalty lambda 10, n_critic 5 (Gulrajani et al. 2017)', flags: ['--gp-lambda', '10', '--n-critic', '5'], ...WGAN },
  { name: 'wgan-gp (preset)', family: 'wgan-gp', describe: "the ring8 preset's recipe: lambda 1, n_critic 1", flags: ['--gp-lambda', '1', '--n-critic', '1'], ...WGAN },
  { name: 'wgan-gp (preset) + guard', family: 'wgan-gp', describe: 'the preset + the divergence guard (roll back, halve the rates, at most 3 times)', flags: ['--gp-lambda', '1', '--n-critic', '1', '--guard'], ...WGAN },
];

export const recipeNamed = (name: string): StudyRecipe | undefined => STUDY_RECIPES.find((r) => r.name === name);
