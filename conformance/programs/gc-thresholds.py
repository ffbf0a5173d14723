# Thresholds and the state functions of the gc module.
import gc

print('enabled at start:', gc.isenabled())
default = gc.get_threshold()
print('threshold has three numbers:', len(default))
gc.set_threshold(100, 5, 5)
print('set:', gc.get_threshold())
gc.set_threshold(50)
print('only the first changed:', gc.get_threshold())
gc.set_threshold(*default)
print('restored:', gc.get_threshold() == default)
gc.disable()
print('after disable:', gc.isenabled())
gc.enable()
print('after enable:', gc.isenabled())
try:
    gc.collect(3)
except ValueError as e:
    print('ValueError:', e)
gc.collect()
print('count after a full collection starts low:', gc.get_count()[1:])
gc.collect(0)
print('after collect(0):', gc.get_count()[1:])
gc.collect(1)
print('after collect(1):', gc.get_count()[1:])
