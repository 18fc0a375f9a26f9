# Exploration behind docs/numerical-path.md (numpy): Hermite coefficients of phi(sigma z) by composite Gauss-Legendre.
import numpy as np
from numpy.polynomial.legendre import leggauss
def nodes(L, panels, m=20, kinks=(0.0,)):
    x,w=leggauss(m)
    pts=sorted(set([-L,L]+[k for k in kinks]))
    X=[];W=[]
    for a,b in zip(pts[:-1],pts[1:]):
        # geometric grading towards kinks at a and b
        edges=np.linspace(a,b,panels+1)
        for c,d in zip(edges[:-1],edges[1:]):
            X.append((c+d)/2+(d-c)/2*x); W.append((d-c)/2*w)
    return np.concatenate(X),np.concatenate(W)
def hermite_coeffs(f, sigma, N, L=None, panels=400, m=20):
    if L is None: L=np.sqrt(4*N+2)+12
    z,w=nodes(L,panels,m)
    g=np.exp(-z*z/4)/(2*np.pi)**0.25   # sqrt(gamma)
    h0=g; h1=z*g
    fz=f(sigma*z)*w*g
    a=np.zeros(N+1); a[0]=np.sum(fz*h0); a[1]=np.sum(fz*h1)
    hm,h=h0,h1
    for n in range(1,N):
        hn=(z*h-np.sqrt(n)*hm)/np.sqrt(n+1)
        a[n+1]=np.sum(fz*hn); hm,h=h,hn
    return a
if __name__=="__main__":
    tanh=np.tanh
    for s in [0.01,0.1,1,2.4,10,100]:
        a=hermite_coeffs(tanh,s,400)
        e=np.sum(a**2)
        tail=e-np.cumsum(a**2)
        print(s, ' '.join('%d:%.1e'%(n,tail[n]/e) for n in [10,25,50,100,200,300,399]))
