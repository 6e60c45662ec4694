"""Issue 15's table from the A/B engine's saved runs: one directory per kept fraction p (p0.1, p0.3,
p0.5, each with runs/*.json), printed as Markdown. Usage: table.py <dir with p*/ subdirectories>
[more such dirs: their arms other than the baseline join the first dir's, paired with its
baselines (a baseline run of a seed is bit for bit the same in every directory)]"""
import glob
import json
import math
import os
import statistics
import sys

T95 = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776}
STATIC = ['srs', 'mms', 'clc', 'des', 'nrmd', 'prd', 'phl', 'fes']
DYNAMIC = ['infobatch-budget', 'loss-sampling', 'random-budget']
LABEL = {'srs': 'SRS', 'mms': 'MMS', 'clc': 'CLC', 'des': 'DES', 'nrmd': 'NRMD', 'prd': 'PRD',
         'phl': 'PHL', 'fes': 'FES', 'infobatch-budget': 'InfoBatch (budget mode), dynamic',
         'loss-sampling': 'loss-proportional sampling, dynamic',
         'random-budget': 'random subset every epoch, dynamic', 'baseline': 'full data'}


def interval(values):
    m = statistics.mean(values)
    if len(values) < 2:
        return m, float('nan')
    return m, T95[len(values)] * statistics.stdev(values) / math.sqrt(len(values))


def load(root, runs=None, baselines=True):
    runs = {} if runs is None else runs
    for path in glob.glob(os.path.join(root, 'p*/runs/*.json')):
        p = float(os.path.basename(os.path.dirname(os.path.dirname(path)))[1:])
        r = json.load(open(path))
        if len(r['epochs']) < 8 or (r['variant'] == 'baseline' and not baselines):
            continue
        runs[(p, r['variant'], r['seed'])] = r
    return runs


def figures(r):
    e = r['epochs']
    energy = sum(x['trainJoules'] + x['methodJoules'] + x['evaluationJoules'] for x in e)
    c = r['carbon']
    grams = energy / 3.6e6 * c.get('gramsPerKwh', c.get('intensity', 475.0)) * c.get('pue', 1.0)
    return {
        'accuracy': 100 * e[-1]['metric'],
        'epsilon': float(r.get('measures', {}).get('epsilon', 'nan')),
        'method_passes': sum(x['methodPasses'] for x in e),
        'trained': sum(x['trainSamples'] for x in e),
        'method_s': sum(x['methodSeconds'] for x in e),
        'method_j': sum(x['methodJoules'] for x in e),
        'train_j': sum(x['trainJoules'] for x in e),
        'energy': energy,
        'co2': grams,
    }


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    out = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.mean(rx), statistics.mean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return num / den


def compact(runs, ps):
    """The README's table: one row per arm, one column per p."""
    print('| arm | ' + ' | '.join('p = %d%%' % round(100 * p) for p in ps) + ' |')
    print('|---|' + '---|' * len(ps))
    for v in STATIC + DYNAMIC:
        cells = []
        for p in ps:
            seeds = sorted(s for (pp, vv, s) in runs if pp == p and vv == v)
            if not seeds or any((p, 'baseline', s) not in runs for s in seeds):
                cells.append('not run')
                continue
            f = [figures(runs[(p, v, s)]) for s in seeds]
            b = [figures(runs[(p, 'baseline', s)]) for s in seeds]
            d, ci = interval([x['accuracy'] - y['accuracy'] for x, y in zip(f, b)])
            eps = [x['epsilon'] for x in f]
            text = '%+.2f pp (%+.2f..%+.2f)' % (d, d - ci, d + ci)
            if not all(math.isnan(x) for x in eps):
                text += ', eps %s' % ('inf' if any(math.isinf(x) for x in eps) else '%.2f' % statistics.mean(eps))
            method_s = statistics.mean(x['method_s'] for x in f)
            if method_s > 0.05:
                text += ', selection %.1f s' % method_s
            text += ', %.0f J' % statistics.mean(x['train_j'] + x['method_j'] for x in f)
            cells.append(text)
        print('| %s | %s |' % (LABEL[v], ' | '.join(cells)))
    base = [figures(r) for (p, v, s), r in runs.items() if v == 'baseline']
    print()
    print('Full data: %.2f%% test accuracy on average, %.0f J (modelled) of training per run.' % (
        statistics.mean(x['accuracy'] for x in base), statistics.mean(x['train_j'] for x in base)))


def main(roots):
    readme = roots[0] == '--readme'
    roots = roots[1:] if readme else roots
    runs = load(roots[0])
    for extra in roots[1:]:
        load(extra, runs, baselines=False)
    ps = sorted({k[0] for k in runs})
    if readme:
        compact(runs, ps)
        return
    print('| arm | p | seeds | test accuracy | vs full data, pp (95% CI) | epsilon | selection: method passes, s, J (modelled) | training: passes, J (modelled) | energy, all phases, J (modelled) | CO2e, g (modelled) |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    points = []
    summary = {}
    for p in ps:
        for v in ['baseline'] + STATIC + DYNAMIC:
            seeds = sorted(s for (pp, vv, s) in runs if pp == p and vv == v)
            if not seeds:
                continue
            f = [figures(runs[(p, v, s)]) for s in seeds]
            acc, acc_ci = interval([x['accuracy'] for x in f])
            base = [figures(runs[(p, 'baseline', s)])['accuracy'] for s in seeds if (p, 'baseline', s) in runs]
            diff = [x['accuracy'] - b for x, b in zip(f, base)] if len(base) == len(f) else []
            d, d_ci = interval(diff) if diff and v != 'baseline' else (float('nan'), float('nan'))
            eps = [x['epsilon'] for x in f]
            eps_text = '' if all(math.isnan(x) for x in eps) else (
                'inf' if any(math.isinf(x) for x in eps) else '%.3f' % statistics.mean(eps))
            summary[(p, v)] = dict(acc=acc, diff=d, diff_ci=d_ci, energy=statistics.mean(x['energy'] for x in f),
                                  compute=statistics.mean(x['train_j'] + x['method_j'] for x in f),
                                  passes=statistics.mean(x['trained'] + x['method_passes'] for x in f), n=len(f))
            if v in STATIC:
                points += [(x['epsilon'], x['accuracy'], v, p) for x in f]
            print('| %s | %s | %d | %.2f%% (±%.2f) | %s | %s | %s | %s | %.0f | %.3f |' % (
                LABEL[v], '100%' if v == 'baseline' else '%d%%' % round(100 * p), len(f), acc, acc_ci,
                '' if v == 'baseline' else '%+.2f (%+.2f..%+.2f)' % (d, d - d_ci, d + d_ci),
                eps_text,
                '' if v in ('baseline',) + tuple(DYNAMIC) and statistics.mean(x['method_passes'] for x in f) == 0
                else '{:,.0f}, {:.1f} s, {:.1f} J'.format(statistics.mean(x['method_passes'] for x in f),
                                                        statistics.mean(x['method_s'] for x in f),
                                                        statistics.mean(x['method_j'] for x in f)),
                '{:,.0f}, {:.0f} J'.format(statistics.mean(x['trained'] for x in f),
                                          statistics.mean(x['train_j'] for x in f)),
                statistics.mean(x['energy'] for x in f), statistics.mean(x['co2'] for x in f)))
    finite = [(e, a) for e, a, v, p in points if math.isfinite(e)]
    print()
    print('Spearman rho(epsilon, accuracy) over %d static arm-runs with a finite epsilon: %.3f' % (
        len(finite), spearman([e for e, a in finite], [a for e, a in finite])))
    allpts = [(e, a) for e, a, v, p in points if not math.isnan(e)]
    print('with NRMD\'s infinite epsilons ranked last (%d runs): %.3f' % (
        len(allpts), spearman([e for e, a in allpts], [a for e, a in allpts])))
    for p in ps:
        pts = [(e, a) for e, a, v, pp in points if pp == p and not math.isnan(e)]
        if len(pts) > 2:
            print('  at p = %d%% (%d runs): %.3f' % (round(100 * p), len(pts), spearman([e for e, a in pts], [a for e, a in pts])))
    print()
    print('Compute = training plus the method\'s own work (selection, embedding, scoring), evaluation apart.')
    print()
    print('| p | static arm | accuracy | compute: passes, J (modelled) | best dynamic arm | accuracy | compute: passes, J (modelled) | static - dynamic, pp | static compute / dynamic |')
    print('|---|---|---|---|---|---|---|---|---|')
    for p in ps:
        dy = [(summary[(p, v)]['acc'], v) for v in DYNAMIC if (p, v) in summary]
        if not dy:
            continue
        bd = max(dy)[1]
        b = summary[(p, bd)]
        for v in sorted((v for v in STATIC if (p, v) in summary), key=lambda v: -summary[(p, v)]['acc']):
            a = summary[(p, v)]
            print('| %d%% | %s | %.2f%% | {:,.0f}, %.0f J | %s | %.2f%% | {:,.0f}, %.0f J | %+.2f | %.2f |'.format(a['passes'], b['passes']) % (
                round(100 * p), LABEL[v], a['acc'], a['compute'], LABEL[bd], b['acc'], b['compute'],
                a['acc'] - b['acc'], a['compute'] / b['compute']))


if __name__ == '__main__':
    main(sys.argv[1:])
