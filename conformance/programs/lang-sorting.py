# Sorting with keys, reverse and stability.
people = [('ann', 31), ('bob', 25), ('cy', 31), ('dee', 25), ('eve', 40)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
words = ['banana', 'Apple', 'cherry', 'apple']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
nums = [5, 3, 8, 1]
nums.sort()
print(nums, nums.index(5), min(nums), max(nums, key=lambda n: -n))
nums.reverse()
print(nums, list(reversed(nums)))
print(sorted('hello'), sorted({'b': 1, 'a': 2}), sorted([3, 1, 2], reverse=True))
try:
    sorted([1, 'a'])
except TypeError as e:
    print('TypeError:', e)
