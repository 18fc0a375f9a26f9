# Exploration behind docs/numerical-path.md (numpy): Hermite coefficients of phi(sigma z) by composite Gauss-Legendre.
import numpy as np
from math import factorial
from hermite import hermite_coeffs
sig=lambda x: 0.5*(1+np.tanh(x/2))
# elu jets: right x ; left e^x-1 -> delta_k = right_k - left_k
def elu(x): return np.where(x>0,x,np.expm1(np.minimum(x,0)))
def deltas_elu(K): return [0.0,0.0]+[-1.0/factorial(k) for k in range(2,K+1)]
# tanh(relu): right tanh(x) jets, left 0
tc=[0,1,0,-1/3,0,2/15,0,-17/315,0,62/2835,0,-1382/155925]
def deltas_tr(K): return [tc[k] for k in range(K+1)]
def relu(x): return np.maximum(x,0)
for name,f,dl in [('elu',elu,deltas_elu),('tanh.relu',lambda x:np.tanh(relu(x)),deltas_tr)]:
  for s in [0.3,1,2.4,5]:
    for K in [0,3,5,7,9]:
        d=dl(K)
        S=lambda z: sum(d[k]*(s**k)*np.maximum(z,0)**k for k in range(1,K+1)) + (d[0] if K>=0 else 0)*(z>0)
        h=lambda x: f(x)-sum(d[k]*np.maximum(x,0)**k for k in range(1,K+1))-d[0]*(x>0)
        a=hermite_coeffs(f,s,512,panels=1000); hh=hermite_coeffs(h,s,512,panels=1000)
        sn=a-hh
        e=np.sum(a**2)
        # tail of sum (a_n a_n - s_n s_n) = sum h(2a-h)
        c=hh*(2*a-hh)
        tail=np.array([abs(np.sum(c[n+1:])) for n in range(len(c))])
        tailabs=np.array([np.sum(np.abs(c[n+1:])) for n in range(len(c))])
        print('%-10s s=%.1f K=%d '%(name,s,K)+' '.join('%d:%.0e'%(n,tailabs[n]/e) for n in [16,32,64,128,256]), ' |h|^2/E=%.1e'%(np.sum(hh**2)/e))
