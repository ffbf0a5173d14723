#!/usr/bin/env python3
"""Cross-check: an independent mini-model of CPython 3.11's collector rules.

Usage: python3 conformance/crosscheck_model.py [TRACE.jsonl ...]
       (default: every trace in conformance/traces/ that the model supports)

Supports traces made only of list, int, str, none, move, append, collect,
threshold and gc operations (tagged lists without finalizers). It models:
count[0] += 1 per allocation (collecting synchronously inside the allocation
when count[0] > threshold0, before the new object is tracked), count[0] -= 1
(floored at 0) per freed list (subclass instances never use the list free
list), count[g+1] += 1 and count[0..g] = 0 at the start of a collection, the
generation scan 2, 1, 0 with the long_lived_pending < long_lived_total // 4
skip, gc.freeze/unfreeze, and set_threshold's argument 3-tuple (+1 unless the
3-tuple free list has one; emptied by full collections).

Its only purpose is to show that the recorder's results follow from those
rules with no hidden allocation; it compares collect_results, stats, count and
alive with NAME.expected.json (3.11) and exits 1 on a difference.
"""
import json, os, sys
class M:
    def __init__(s, slots):
        s.v=[None]*slots; s.rc={}; s.refs={}; s.gen={}; s.gens=[{},{},{}]; s.perm={}
        s.count=[0,0,0]; s.th=[700,10,10]; s.enabled=True; s.collecting=False
        s.llt=0; s.llp=0; s.stats=[[0,0,0],[0,0,0],[0,0,0]]; s.cr=[]; s.nid=0; s.tfree3=0
        s.tags={}
    def alloc_count(s):
        s.count[0]+=1
        if s.count[0]>s.th[0] and s.enabled and s.th[0] and not s.collecting:
            s.collecting=True; s.collect_generations(); s.collecting=False
    def new(s, tag):
        s.alloc_count()
        o=s.nid; s.nid+=1; s.rc[o]=0; s.refs[o]=[]; s.gens[0][o]=1; s.gen[o]=0; s.tags[o]=tag; return o
    def incref(s,o):
        if type(o) is int: s.rc[o]+=1
    def decref(s,o):
        if type(o) is not int: return
        s.rc[o]-=1
        if s.rc[o]==0: s.free(o)
    def free(s,o):
        g=s.gen.pop(o)
        if g=='p': del s.perm[o]
        else: del s.gens[g][o]
        refs=s.refs.pop(o); del s.rc[o]; del s.tags[o]
        for x in reversed(refs): s.decref(x)
        if s.count[0]>0: s.count[0]-=1
    def setslot(s,d,o):
        old=s.v[d]; s.incref(o); s.v[d]=o; s.decref(old)
    def collect_generations(s):
        for i in (2,1,0):
            if s.count[i]>s.th[i]:
                if i==2 and s.llp < s.llt//4: continue
                s.collect(i); return
    def collect(s,g):
        if g<2: s.count[g+1]+=1
        for i in range(g+1): s.count[i]=0
        young={}
        for i in range(g+1): young.update(s.gens[i])  # order approximate
        for i in range(g+1): s.gens[i]={}
        gcrefs={o:s.rc[o] for o in young}
        for o in young:
            for x in s.refs[o]:
                if x in gcrefs: gcrefs[x]-=1
        reach=set(); stack=[o for o in young if gcrefs[o]>0]
        while stack:
            o=stack.pop()
            if o in reach: continue
            reach.add(o); stack.extend(x for x in s.refs[o] if x in young and x not in reach)
        surv=[o for o in young if o in reach]; garb=[o for o in young if o not in reach]
        if g<2:
            if g==1: s.llp+=len(surv)
            for o in surv: s.gens[g+1][o]=1; s.gen[o]=g+1
        else:
            s.llp=0; s.llt=len(surv)
            for o in surv: s.gens[2][o]=1; s.gen[o]=2
        for o in garb: s.gens[g][o]=1; s.gen[o]=g  # placeholder
        # delete garbage: clear refs
        for o in garb:
            if o in s.refs:
                refs=s.refs[o]; s.refs[o]=[]
                for x in reversed(refs): s.decref(x)
        if g==2: s.tfree3=0
        s.stats[g][0]+=1; s.stats[g][1]+=len(garb)
        return len(garb)
class Unsupported(Exception):
    pass
def run(path):
    lines=[l for l in open(path) if l.strip() and not l.lstrip().startswith('#')]
    h=json.loads(lines[0]); m=M(h['slots']); tag=0
    for l in lines[1:]:
        a=json.loads(l); op=a[0]
        if op=='list': o=m.new(tag); tag+=1; m.setslot(a[1],o)
        elif op=='append': o=m.v[a[2]]; m.incref(o); m.refs[m.v[a[1]]].append(o)
        elif op=='none': m.setslot(a[1],None)
        elif op=='move': m.setslot(a[1],m.v[a[2]])
        elif op in ('int','str'): m.setslot(a[1],'atom')
        elif op=='collect': m.cr.append(m.collect(a[1]))
        elif op=='threshold':
            if m.tfree3: m.tfree3-=1
            else: m.alloc_count()
            m.th=[a[1],a[2],a[3]]; m.tfree3+=1
        elif op=='gc':
            if a[1]=='enable': m.enabled=True
            elif a[1]=='disable': m.enabled=False
            elif a[1]=='freeze':
                for g in range(3):
                    for o in m.gens[g]: m.perm[o]=1; m.gen[o]='p'
                    m.gens[g]={}
                m.count=[0,0,0]
            elif a[1]=='unfreeze':
                for o in m.perm: m.gens[2][o]=1; m.gen[o]=2
                m.perm={}
        else: raise Unsupported(op)
    return dict(collect_results=m.cr, stats=m.stats, count=m.count, alive=sorted(m.tags.values()))
def main():
    here=os.path.dirname(os.path.abspath(__file__))
    paths=sys.argv[1:] or sorted(os.path.join(here,'traces',f) for f in os.listdir(os.path.join(here,'traces')) if f.endswith('.jsonl'))
    bad_total=0; checked=0
    for p in paths:
        try:
            r=run(p)
        except Unsupported:
            continue
        checked+=1
        e=json.load(open(p[:-len('.jsonl')]+'.expected.json'))
        bad=[k for k in r if r[k]!=e[k]]
        bad_total+=bool(bad)
        print(os.path.basename(p), 'OK' if not bad else 'DIFF '+str({k:(r[k],e[k]) if k!='alive' else (len(r[k]),len(e[k])) for k in bad}))
    print(f"{checked} traces cross-checked, {bad_total} differences")
    return 1 if bad_total else 0
if __name__=='__main__':
    sys.exit(main())
