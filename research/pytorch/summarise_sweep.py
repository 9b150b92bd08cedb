# Mean figures per recipe over the seeds of a sweep: python3 summarise_sweep.py results/mixture-sweep-1.jsonl
# Each line of the output: the recipe key, seeds, then (step, modes, HQ share) at every evaluation
# (and, for results-2, the same for the EMA generator after '| ema').
import collections, json, sys

KEY = ['dataset', 'lrD', 'lrG', 'decay', 'batch', 'width', 'depth', 'latent', 'beta1', 'lam', 'steps']
runs = [json.loads(line) for line in open(sys.argv[1])]
groups = collections.defaultdict(list)
for r in runs:
    groups[tuple(r[k] for k in KEY)].append(r)
rows = []
for key, rs in groups.items():
    n = len(rs)
    mean = lambda i, j: round(sum(r['res'][i][j] for r in rs) / n, 2)
    traj = []
    for i in range(len(rs[0]['res'])):
        point = [rs[0]['res'][i][0], mean(i, 1), mean(i, 2)]
        if len(rs[0]['res'][i]) > 4:
            point += ['| ema', mean(i, 4), mean(i, 5)]
        traj.append(tuple(point))
    rows.append((key, n, traj))
rows.sort(key=lambda r: (r[0][0], -r[2][-1][2]))
print(' '.join(KEY))
for key, n, traj in rows:
    print(key, n, traj)
