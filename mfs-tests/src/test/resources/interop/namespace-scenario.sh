# The namespace scenario of the mount acceptance: run in a mount's root, prints what it saw (identical on every
# MooseFS mount of the same cluster) and SCENARIO-OK at the end; the first failing step ends it with its status.
set -e
mkdir work && cd work
mkdir -p d1/d2/d3
touch d1/f1
echo content > d1/d2/f2
chmod 640 d1/f1
chown 1234:5678 d1/f1
ln d1/d2/f2 d1/hard
ln -s d2/f2 d1/sym
test "$(readlink d1/sym)" = d2/f2
cat d1/sym
stat -c '%n %s %h %a %u %g %F' d1/f1 d1/hard d1/sym d1/d2/f2
mv d1/f1 d1/f1moved
mv d1/d2 d1/d2moved
echo other > d1/target; mv d1/hard d1/target; cat d1/target
mkdir d1/e; touch d1/d2moved/d3/inside; mv -T d1/d2moved/d3 d1/e; ls d1/e
ls -laR . | grep -v '^total' | awk '{print $1, $2, $3, $4, $NF}'
setfattr -n user.colour -v blue d1/target
getfattr -n user.colour --only-values d1/target; echo
getfattr -d d1/target
setfattr -x user.colour d1/target
getfattr -n user.colour d1/target 2>&1 || true
mkdir locked; chmod 755 locked
if setpriv --reuid=1000 --regid=1000 --clear-groups touch locked/denied 2>../denied; then echo "NOT DENIED"; exit 1; fi
sed 's/.*: //' ../denied; rm ../denied
setpriv --reuid=1000 --regid=1000 --clear-groups cat d1/target
chmod 777 locked; setpriv --reuid=1000 --regid=1000 --clear-groups touch locked/mine; stat -c '%u %g' locked/mine
rm -r d1 locked
ls -la . | grep -v '^total' | awk '{print $1, $NF}'
cd .. && rmdir work
echo SCENARIO-OK
