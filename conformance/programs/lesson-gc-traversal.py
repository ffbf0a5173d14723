# Lesson (gc_traversal, after pyperformance): a full collection traverses all
# live containers even when there is no garbage.
import gc


def create_recursive_containers(n_levels):
    current_list = []
    for n in range(n_levels):
        new_list = [None] * n
        for index in range(n):
            new_list[index] = current_list
        current_list = new_list
    return current_list


gc.collect()
all_cycles = create_recursive_containers(100)
print('top list has', len(all_cycles), 'items')
for i in range(3):
    print('full collection of live data:', gc.collect())
print('generation-0 collection:', gc.collect(0))
kept = []
for i in range(1000):
    scratch = [i] * 64
    if i % 4 == 0:
        kept.append(scratch)
print('kept', len(kept), 'young lists')
del all_cycles, scratch, kept
print('after drop:', gc.collect())
