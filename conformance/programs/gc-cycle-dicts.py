# Cycles through dicts.
import gc

gc.collect()

d = {}
d['self'] = d
del d
print('self-referencing dict:', gc.collect())

d1 = {'name': 'one'}
d2 = {'name': 'two'}
d1['peer'] = d2
d2['peer'] = d1
del d1, d2
print('two dicts:', gc.collect())

outer = {'items': [1, 2, 3]}
outer['items'].append(outer)
del outer
print('dict and list:', gc.collect())

keep = {'k': {}}
keep['k']['back'] = keep
print('reachable cycle:', gc.collect())
keep = None
print('after rebinding:', gc.collect())
