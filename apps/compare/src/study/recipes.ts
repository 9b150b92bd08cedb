/**
 * The stability study's recipes (issue 18): each starts from its app's config for the dataset (the
 * ring8 / grid25 preset, or the MNIST defaults) and names the flags that make the recipe; both
 * players' rates are the block's x1 for the family (datasets.ts: the config's rates when the block
 * was designed, pinned) times one multiplier of the grid, so a recipe's two-time-scale ratio is
 * kept while its step size moves.
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
  /** the stabiliser this recipe adds to another, which the report compares it with */
  adds?: { what: string; to: string };
}

/** What every run shares, whatever its recipe: the grid rate is the peak of a linear decay to 0, and the EMA generator (decay 0.999) is what is scored. */
export const STUDY_PROTOCOL = ['--lr-schedule', 'linear', '--ema-decay', '0.999'] as const;

export const STUDY_RECIPES: readonly StudyRecipe[] = [
  { name: 'gan plain', family: 'gan', describe: 'non-saturating loss, Adam(lr, 0.5, 0.999), critic without normalisation (MLP on the 2-D mixtures, DCGAN on MNIST)', flags: ['--spectral-norm', 'false', '--r1-gamma', '0'] },
  { name: 'gan + SN', family: 'gan', describe: 'gan plain + spectral normalisation of every critic layer (Miyato et al. 2018)', flags: ['--spectral-norm', 'true', '--r1-gamma', '0'], adds: { what: 'spectral norm', to: 'gan plain' } },
  { name: 'gan + R1', family: 'gan', describe: 'gan plain + R1 on real data, gamma 1 (Mescheder et al. 2018)', flags: ['--spectral-norm', 'false', '--r1-gamma', '1'], adds: { what: 'R1 penalty (gamma 1)', to: 'gan plain' } },
  { name: 'wgan (no constraint)', family: 'wgan-gp', describe: 'Wasserstein loss without any Lipschitz constraint (lambda 0), n_critic 1, Adam(lr, 0, 0.9)', flags: ['--gp-lambda', '0', '--n-critic', '1'] },
  { name: 'wgan-gp (paper)', family: 'wgan-gp', describe: 'gradient penalty lambda 10, n_critic 5 (Gulrajani et al. 2017)', flags: ['--gp-lambda', '10', '--n-critic', '5'], adds: { what: 'gradient penalty (lambda 10, n_critic 5)', to: 'wgan (no constraint)' } },
  { name: 'wgan-gp (preset)', family: 'wgan-gp', describe: "the 2-D presets' recipe: lambda 1, n_critic 1, TTUR 3:1", flags: ['--gp-lambda', '1', '--n-critic', '1'], adds: { what: 'gradient penalty (lambda 1)', to: 'wgan (no constraint)' } },
  { name: 'wgan-gp (preset) + guard', family: 'wgan-gp', describe: 'the preset + the divergence guard (roll back, halve the rates, at most 3 times)', flags: ['--gp-lambda', '1', '--n-critic', '1', '--guard'], adds: { what: 'divergence guard', to: 'wgan-gp (preset)' } },
];

export const recipeNamed = (name: string): StudyRecipe | undefined => STUDY_RECIPES.find((r) => r.name === name);
