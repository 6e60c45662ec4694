# Issue 14's recommendation table from the cells' saved runs (runs/*.json; partial cells allowed:
# only seeds where every arm of the cell finished are used).
import json, glob, os, statistics as st, sys
T = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447}
LABEL = {'baseline': 'full data', 'infobatch-budget': 'InfoBatch (budget mode)', 'seta': 'SeTa',
         'orderdp': 'OrderDP', 'random-budget': 'random dynamic', 'loss-sampling': 'loss-proportional (ours)'}
MARGIN = 0.3
def ci(xs):
    m = st.mean(xs)
    h = T[len(xs) - 1] * st.stdev(xs) / len(xs) ** 0.5 if len(xs) > 1 else float('nan')
    return m, m - h, m + h
def verdict(lo, hi):
    if lo > 0: return 'superior'
    if lo > -MARGIN: return 'non-inferior'
    if hi < -MARGIN: return 'inferior'
    return 'inconclusive'
def acc(r): return 100 * r['epochs'][-1]['metric']
def work(r): return sum(e['trainSamples'] + e['methodPasses'] for e in r['epochs'])
def secs(r): return sum(e['trainSeconds'] + e['methodSeconds'] for e in r['epochs'])
print('| cell | arm | seeds | visits spent | accuracy % (95% CI) | vs full data, pp (95% CI): verdict at 0.3 pp | vs random dynamic, pp (95% CI) | net forward passes saved | wall time saved (95% CI) |')
print('|---|---|---|---|---|---|---|---|---|')
for cell in sys.argv[1:]:
    runs = {}
    for f in glob.glob(os.path.join(cell, 'runs', '*.json')):
        r = json.load(open(f)); runs.setdefault(r['variant'], {})[r['seed']] = r
    if 'baseline' not in runs: continue
    seeds = sorted(set.intersection(*(set(v) for v in runs.values())))
    if not seeds: continue
    base = runs['baseline']
    for arm in LABEL:
        if arm not in runs: continue
        rs = [runs[arm][s] for s in seeds]
        visits = st.mean(sum(e['trainSamples'] for e in r['epochs']) / (r['settings']['trainSamples'] * r['settings']['epochs']) for r in rs)
        m, lo, hi = ci([acc(r) for r in rs])
        row = f'| {cell} | {LABEL[arm]} | {len(seeds)} | {visits:.3f} | {m:.2f} ({lo:.2f}..{hi:.2f}) |'
        if arm == 'baseline':
            row += ' | | | |'
        else:
            d, dlo, dhi = ci([acc(runs[arm][s]) - acc(base[s]) for s in seeds])
            row += f' {d:+.2f} ({dlo:+.2f}..{dhi:+.2f}): {verdict(dlo, dhi)} |'
            if arm != 'random-budget' and 'random-budget' in runs:
                r_, rlo, rhi = ci([acc(runs[arm][s]) - acc(runs['random-budget'][s]) for s in seeds])
                row += f' {r_:+.2f} ({rlo:+.2f}..{rhi:+.2f}) |'
            else:
                row += ' |'
            saved = st.mean(1 - work(runs[arm][s]) / work(base[s]) for s in seeds)
            w, wlo, whi = ci([100 * (1 - secs(runs[arm][s]) / secs(base[s])) for s in seeds])
            row += f' {100*saved:.1f}% | {w:.1f}% ({wlo:.1f}..{whi:.1f}) |'
        print(row)
