/**
 * The families and recipes the stability sweep compares on ring8, and what "converged" means for
 * each. Every run starts from its app's ring8 preset (MLP 3 x 64, latent 2, batch 256, 2,500
 * PacGAN evaluation samples); the sweep sets both players' learning rate to the grid value and pins
 * every other key that shapes the recipe (no learning-rate decay, so the grid value is the rate of
 * every step; n_critic; no EMA), so a change to a preset does not change the sweep. The plain recipe
 * is the family's loss without its stabiliser; the stabilised one adds it:
 *
 * - gan, plain: non-saturating loss, Adam(lr, beta1 0.5, beta2 0.999), unnormalised MLP critic.
 *   stabilised: + spectral normalisation of every critic weight (Miyato et al. 2018).
 * - wgan-gp, plain: Wasserstein loss with no Lipschitz constraint (lambda 0), n_critic 1 (as the
 *   app's ring8 preset), Adam(lr, 0, 0.9). stabilised: + the gradient penalty, lambda 1 (the preset's).
 */
export type RecipeName = 'plain' | 'stabilised';

export const RECIPES: readonly RecipeName[] = ['plain', 'stabilised'];

export interface FamilySpec {
  /** The app's entry point, relative to the repository root. */
  main: string;
  /** One line per recipe, for the report. */
  describe: Record<RecipeName, string>;
  /** Flags that make each recipe (after the shared ones). */
  flags: Record<RecipeName, readonly string[]>;
  /** Flags that set the learning rate of both players to `lr` and pin the rest of the shared recipe. */
  pinned(lr: number): string[];
  /** Logged keys that must stay finite in every metrics line. */
  finiteKeys: readonly string[];
  /** Default training steps of a sweep run (generator updates). */
  defaultSteps: number;
}

const bothLr = (lr: number) => ['--lr-d', String(lr), '--lr-g', String(lr)];

export const FAMILIES = {
  gan: {
    main: 'apps/gan/src/main.ts',
    describe: {
      plain: 'non-saturating loss, Adam(lr, 0.5, 0.999), 1 critic step per generator step',
      stabilised: 'plain + spectral norm on every critic layer',
    },
    flags: { plain: ['--spectral-norm', 'false'], stabilised: ['--spectral-norm', 'true'] },
    pinned: bothLr,
    finiteKeys: ['loss/d', 'loss/g'],
    defaultSteps: 1000,
  },
  'wgan-gp': {
    main: 'apps/wgan-gp/src/main.ts',
    describe: {
      plain: 'Wasserstein loss, no Lipschitz constraint (lambda 0), Adam(lr, 0, 0.9), 1 critic step per generator step',
      stabilised: 'plain + gradient penalty, lambda 1',
    },
    flags: { plain: ['--gp-lambda', '0'], stabilised: ['--gp-lambda', '1'] },
    pinned: (lr) => [...bothLr(lr), '--lr-schedule', 'constant', '--n-critic', '1', '--ema-decay', '0'],
    finiteKeys: ['loss/d', 'loss/g', 'wasserstein'],
    defaultSteps: 1000,
  },
} as const satisfies Record<string, FamilySpec>;

export type FamilyName = keyof typeof FAMILIES;

export const FAMILY_NAMES = Object.keys(FAMILIES) as FamilyName[];

export const isFamilyName = (name: string): name is FamilyName => Object.hasOwn(FAMILIES, name);
