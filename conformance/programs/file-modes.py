# Text and binary modes, and the io module's in-memory files.
import io

with open('modes.txt', 'w') as f:
    print('write returns the count:', f.write('h\xe9llo\n'))
with open('modes.txt', 'rb') as f:
    print('utf-8 bytes:', f.read())
with open('modes.txt', 'r') as f:
    print('text:', repr(f.read()))
with open('modes.txt', 'w') as f:
    f.writelines(['a\n', 'b\n'])
with open('modes.txt') as f:
    print('mode', f.mode, 'name', f.name, 'lines', f.read().split())
try:
    open('missing.txt')
except FileNotFoundError as e:
    print('FileNotFoundError:', e.errno, e.strerror)
buf = io.StringIO()
buf.write('in memory\n')
print('StringIO:', repr(buf.getvalue()))
data = io.BytesIO(b'abc')
print('BytesIO:', data.read(2), data.read())
