# Exploration behind docs/numerical-path.md (numpy): Hermite coefficients of phi(sigma z) by composite Gauss-Legendre.
import numpy as np
from hermite import hermite_coeffs
sig=lambda x: 0.5*(1+np.tanh(x/2))
acts={'tanh':np.tanh,'sigmoid':sig,'softplus':lambda x: np.logaddexp(0,x),'silu':lambda x:x*sig(x),
'elu':lambda x: np.where(x>0,x,np.expm1(np.minimum(x,0))),'relu':lambda x:np.maximum(x,0),
'tanh.relu':lambda x: np.tanh(np.maximum(x,0)),'relu.tanh':lambda x:np.maximum(np.tanh(x),0),'sin.sigmoid':lambda x: np.sin(sig(x))}
for name,f in acts.items():
  for s in [0.01,0.3,1,1.5,2.4,5]:
    a=hermite_coeffs(f,s,600,panels=800)
    e=np.sum(a**2); tail=e-np.cumsum(a**2)
    print('%-12s %5.2f '%(name,s)+' '.join('%d:%.0e'%(n,max(tail[n]/e,0)) for n in [16,32,64,128,256,512]))
