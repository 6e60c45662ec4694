# Compact table: one row per policy, one column per cell: accuracy vs full data (pp, 95% CI, verdict)
# and vs random dynamic at the same budget (pp, 95% CI).
import json, glob, os, statistics as st, sys
T = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571}
LABEL = {'infobatch-budget': 'InfoBatch (budget mode)', 'seta': 'SeTa', 'orderdp': 'OrderDP',
         'random-budget': 'random dynamic', 'loss-sampling': 'loss-proportional (ours)'}
NAME = {'clean-b70': 'clean, 30% saved', 'clean-b50': 'clean, 50% saved', 'clean-b30': 'clean, 70% saved',
        'noisy-b70': '30% noisy labels, 30% saved', 'noisy-b50': '30% noisy labels, 50% saved', 'noisy-b30': '30% noisy labels, 70% saved'}
def ci(xs):
    m = st.mean(xs); h = T[len(xs) - 1] * st.stdev(xs) / len(xs) ** 0.5
    return m, m - h, m + h
def verdict(lo, hi):
    return 'superior' if lo > 0 else 'non-inferior' if lo > -0.3 else 'inferior' if hi < -0.3 else 'inconclusive'
def acc(r): return 100 * r['epochs'][-1]['metric']
cells = []
for cell in sys.argv[1:]:
    runs = {}
    for f in glob.glob(os.path.join(cell, 'runs', '*.json')):
        r = json.load(open(f)); runs.setdefault(r['variant'], {})[r['seed']] = r
    seeds = sorted(set.intersection(*(set(v) for v in runs.values()))) if runs else []
    if len(seeds) >= 2:
        cells.append((cell, runs, seeds))
head = '| policy | ' + ' | '.join(f'{NAME[c]} ({len(s)} seeds; full data {st.mean(acc(r["baseline"][x]) for x in s):.2f}%)' for c, r, s in cells) + ' |'
print(head); print('|---' * (len(cells) + 1) + '|')
for arm, label in LABEL.items():
    row = f'| {label} |'
    for cell, runs, seeds in cells:
        if arm not in runs:
            row += ' unreachable (not run) |'; continue
        d, lo, hi = ci([acc(runs[arm][s]) - acc(runs['baseline'][s]) for s in seeds])
        row += f' {d:+.2f} ({lo:+.2f}..{hi:+.2f}) {verdict(lo, hi)}'
        if arm != 'random-budget':
            r_, rlo, rhi = ci([acc(runs[arm][s]) - acc(runs['random-budget'][s]) for s in seeds])
            row += f'; vs random {r_:+.2f} ({rlo:+.2f}..{rhi:+.2f})'
        row += ' |'
    print(row)
